import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { memberParams, updateMemberBody } from '../../shared/schemas/planninghub-identity.ts';
import { getUser, updateMemberRoles } from '../../shared/store/identity.ts';
import { memberView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, params: memberParams, body: updateMemberBody }, async ({ params, body, principal }) => {
  const membership = await updateMemberRoles(principal.organizationId, params.user_id, body.roles);
  return { statusCode: 200, body: memberView(membership, (await getUser(params.user_id)) ?? undefined) };
});
