import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { deleteDocumentUseCase } from '../../shared/app/documents/delete-document.ts';
import { documentIdParams } from '../../shared/schemas/documents.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: documentIdParams }, async ({ params, principal }) => {
  await deleteDocumentUseCase(principal, params.id);
  return { statusCode: 204 };
});
