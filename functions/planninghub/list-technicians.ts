import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { matchesTechnicianFilter } from '../../shared/domain/technician.ts';
import { localParts } from '../../shared/domain/time/zoned.ts';
import { listTechniciansQuery } from '../../shared/schemas/technicians.ts';
import { getUsers, listMembers } from '../../shared/store/identity.ts';
import { listTechnicianProfiles } from '../../shared/store/technicians.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { byName, technicianSummaryView } from '../../shared/views/technicians.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, query: listTechniciansQuery }, async ({ query, principal }) => {
  const organizationId = principal.organizationId;
  const [profiles, members, timeZone] = await Promise.all([
    listTechnicianProfiles(organizationId),
    listMembers(organizationId),
    query.certification !== undefined && query.valid_on === undefined ? getOrganizationTimeZone(organizationId) : Promise.resolve(undefined),
  ]);
  // "Valid" without a date means valid today, in the organisation's calendar.
  const validOn = query.valid_on ?? (timeZone ? localParts(Date.now(), timeZone).date : undefined);
  const memberships = new Map(members.map((membership) => [membership.userId, membership]));
  const matching = profiles.filter(
    (profile) =>
      memberships.has(profile.userId) &&
      matchesTechnicianFilter(profile, { skill: query.skill, minLevel: query.min_level, certification: query.certification, validOn }),
  );
  const users = await getUsers(matching.map((profile) => profile.userId));
  const results = matching.map((profile) => technicianSummaryView(profile, memberships.get(profile.userId)!, users.get(profile.userId))).sort(byName);
  return { statusCode: 200, body: { count: results.length, results } };
});
