import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { createDocumentUseCase } from '../../shared/app/documents/upload-document.ts';
import { createDocumentBody } from '../../shared/schemas/documents.ts';
import { productionEventIdParams } from '../../shared/schemas/planninghub-event-params.ts';
import { documentUploadView } from '../../shared/views/documents.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: productionEventIdParams, body: createDocumentBody }, async ({ params, body, principal }) => {
  const { document, upload } = await createDocumentUseCase(principal, params.id, {
    kind: body.kind,
    fileName: body.file_name,
    contentType: body.content_type,
    size: body.size,
  });
  return { statusCode: 201, headers: { Location: `/v1/documents/${document.id}` }, body: documentUploadView(document, upload) };
});
