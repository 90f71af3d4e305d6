import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { memberParams } from '../../shared/schemas/identity-params.ts';
import { updateMemberBody } from '../../shared/schemas/member-roles.ts';
import { updateMemberUseCase } from '../../shared/app/identity/members.ts';
import { memberView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, params: memberParams, body: updateMemberBody }, async ({ params, body, principal }) => {
  const { membership, user } = await updateMemberUseCase(principal, params.user_id, body.roles);
  return { statusCode: 200, body: memberView(membership, user ?? undefined) };
});
