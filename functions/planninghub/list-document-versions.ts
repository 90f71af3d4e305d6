import { endpoint } from '../../shared/http/endpoint.ts';
import { listDocumentVersionsUseCase } from '../../shared/app/documents/read-documents.ts';
import { documentIdParams } from '../../shared/schemas/documents.ts';
import { documentVersionView } from '../../shared/views/documents.ts';

export const handler = endpoint({ surface: 'planninghub', params: documentIdParams }, async ({ params, principal }) => {
  const { document, versions } = await listDocumentVersionsUseCase(principal, params.id);
  return { statusCode: 200, body: { document_id: document.id, data: versions.map(({ version, download }) => documentVersionView(version, download)) } };
});
