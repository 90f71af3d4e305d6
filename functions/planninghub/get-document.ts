import { endpoint } from '../../shared/http/endpoint.ts';
import { etagMatches, notModified } from '../../shared/http/conditional.ts';
import { getDocumentUseCase } from '../../shared/app/documents/read-documents.ts';
import { documentIdParams } from '../../shared/schemas/documents.ts';
import { documentEtag, documentView } from '../../shared/views/documents.ts';

export const handler = endpoint({ surface: 'planninghub', params: documentIdParams }, async ({ params, principal, headers }) => {
  const { document, download } = await getDocumentUseCase(principal, params.id);
  const etag = documentEtag(document);
  // The ETag is the document's revision: a fresh download_url alone is not a change.
  if (etagMatches(headers('if-none-match'), etag)) return notModified(etag);
  return { statusCode: 200, headers: { ETag: etag, 'Cache-Control': 'private, no-cache' }, body: documentView(document, download) };
});
