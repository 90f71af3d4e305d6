import { endpoint } from '../../shared/http/endpoint.ts';
import { listEventDocumentsUseCase } from '../../shared/app/documents/read-documents.ts';
import { productionEventIdParams } from '../../shared/schemas/planninghub-event-params.ts';
import { documentView } from '../../shared/views/documents.ts';

export const handler = endpoint({ surface: 'planninghub', params: productionEventIdParams }, async ({ params, principal }) => {
  const documents = await listEventDocumentsUseCase(principal, params.id);
  return { statusCode: 200, body: { data: documents.map(({ document, download }) => documentView(document, download)) } };
});
