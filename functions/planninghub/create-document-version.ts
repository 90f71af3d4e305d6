import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { newDocumentVersionUseCase } from '../../shared/app/documents/upload-document.ts';
import { documentIdParams, newDocumentVersionBody } from '../../shared/schemas/documents.ts';
import { documentUploadView } from '../../shared/views/documents.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: documentIdParams, body: newDocumentVersionBody }, async ({ params, body, principal }) => {
  const { document, upload } = await newDocumentVersionUseCase(principal, params.id, { fileName: body.file_name, contentType: body.content_type, size: body.size });
  return { statusCode: 201, body: documentUploadView(document, upload) };
});
