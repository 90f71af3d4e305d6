import { endpoint } from '../../shared/http/endpoint.ts';
import { getMembership, getUser } from '../../shared/store/identity.ts';
import { getTechnicianProfile, listCrewAssignmentsOfUser } from '../../shared/store/technicians.ts';
import { currentUserView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub' }, async ({ principal }) => {
  const [user, membership, profile, events] = await Promise.all([
    getUser(principal.userId),
    getMembership(principal.organizationId, principal.userId),
    getTechnicianProfile(principal.organizationId, principal.userId),
    listCrewAssignmentsOfUser(principal.userId, principal.organizationId),
  ]);
  if (!user || !membership) throw new Error(`authorised caller ${principal.userId} has no user or membership record`);
  // Shift ids arrive with the shifts capability; until then every event lists none.
  const withShifts = events.map((event) => ({ ...event, shiftIds: [] as string[] }));
  return { statusCode: 200, body: currentUserView(user, membership, profile, withShifts) };
});
