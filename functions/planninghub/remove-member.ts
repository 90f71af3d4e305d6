import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { memberParams } from '../../shared/schemas/planninghub-identity.ts';
import { removeMembership, revokeApiKeysOfMember } from '../../shared/store/identity.ts';

export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, params: memberParams }, async ({ params, principal }) => {
  await removeMembership(principal.organizationId, params.user_id);
  await revokeApiKeysOfMember(principal.organizationId, params.user_id);
  return { statusCode: 200, body: { status: 'removed', user_id: params.user_id } };
});
