import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { availabilityBetween } from '../../shared/domain/technician.ts';
import { teamAvailabilityQuery } from '../../shared/schemas/technicians.ts';
import { getUsers, listMembers } from '../../shared/store/identity.ts';
import { getTechnicianProfiles, listTechnicianProfiles } from '../../shared/store/technicians.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { byName, teamAvailabilityView, teamMemberAvailabilityView } from '../../shared/views/technicians.ts';

/** The team's declared availability from one local date to another, for planning. */
export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, query: teamAvailabilityQuery }, async ({ query, principal }) => {
  const organizationId = principal.organizationId;
  const [timeZone, members, profiles] = await Promise.all([
    getOrganizationTimeZone(organizationId),
    listMembers(organizationId),
    query.user_ids ? getTechnicianProfiles(organizationId, query.user_ids) : listTechnicianProfiles(organizationId),
  ]);
  const memberIds = new Set(members.map((membership) => membership.userId));
  const kept = profiles.filter((profile) => memberIds.has(profile.userId));
  const users = await getUsers(kept.map((profile) => profile.userId));
  const results = kept
    .map((profile) =>
      teamMemberAvailabilityView(profile.userId, users.get(profile.userId), availabilityBetween(profile.availability ?? {}, query.from, query.to), timeZone),
    )
    .sort(byName);
  return { statusCode: 200, body: teamAvailabilityView(query.from, query.to, timeZone, results) };
});
