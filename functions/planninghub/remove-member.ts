import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { memberParams } from '../../shared/schemas/identity-params.ts';
import { removeMemberUseCase } from '../../shared/app/identity/members.ts';

export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, params: memberParams }, async ({ params, principal }) => {
  await removeMemberUseCase(principal, params.user_id);
  return { statusCode: 200, body: { status: 'removed', user_id: params.user_id } };
});
