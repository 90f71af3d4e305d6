import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { getUsers, listMembers } from '../../shared/store/identity.ts';
import { memberView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS }, async ({ principal }) => {
  const members = await listMembers(principal.organizationId);
  const users = await getUsers(members.map((member) => member.userId));
  return { statusCode: 200, body: { count: members.length, results: members.map((member) => memberView(member, users.get(member.userId))) } };
});
