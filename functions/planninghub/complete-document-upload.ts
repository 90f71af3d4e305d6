import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { completeDocumentUseCase } from '../../shared/app/documents/complete-document.ts';
import { downloadOf } from '../../shared/app/documents/read-documents.ts';
import { documentIdParams } from '../../shared/schemas/documents.ts';
import { documentEtag, documentView } from '../../shared/views/documents.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: documentIdParams }, async ({ params, principal }) => {
  const document = await completeDocumentUseCase(principal, params.id);
  return { statusCode: 200, headers: { ETag: documentEtag(document) }, body: documentView(document, await downloadOf(document.current, new Date())) };
});
