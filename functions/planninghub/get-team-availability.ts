import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { teamAvailabilityQuery } from '../../shared/schemas/availability.ts';
import { teamAvailabilityUseCase } from '../../shared/app/technicians/team-availability.ts';
import { byName, teamAvailabilityView, teamMemberAvailabilityView } from '../../shared/views/technicians.ts';

/** The team's declared availability from one local date to another, for planning. */
export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, query: teamAvailabilityQuery }, async ({ query, principal }) => {
  const { timeZone, members } = await teamAvailabilityUseCase(principal, { from: query.from, to: query.to, userIds: query.user_ids });
  const results = members.map((member) => teamMemberAvailabilityView(member.userId, member.user, member.availability, timeZone)).sort(byName);
  return { statusCode: 200, body: teamAvailabilityView(query.from, query.to, timeZone, results) };
});
