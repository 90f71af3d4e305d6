import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { listMembersUseCase } from '../../shared/app/identity/members.ts';
import { memberView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS }, async ({ principal }) => {
  const { members, users } = await listMembersUseCase(principal);
  return { statusCode: 200, body: { count: members.length, results: members.map((member) => memberView(member, users.get(member.userId))) } };
});
