import { endpoint } from '../../shared/http/endpoint.ts';
import { getMembership, getUser } from '../../shared/store/identity.ts';
import { getTechnicianProfile, listCrewAssignmentsOfUser } from '../../shared/store/technicians.ts';
import { listShiftIdsOfTechnicianOnEvent } from '../../shared/store/shifts.ts';
import { currentUserView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub' }, async ({ principal }) => {
  const [user, membership, profile, events] = await Promise.all([
    getUser(principal.userId),
    getMembership(principal.organizationId, principal.userId),
    getTechnicianProfile(principal.organizationId, principal.userId),
    listCrewAssignmentsOfUser(principal.userId, principal.organizationId),
  ]);
  if (!user || !membership) throw new Error(`authorised caller ${principal.userId} has no user or membership record`);
  // One bounded query per current event: the user's shifts on it, by start, cancelled ones left out.
  const shiftIds = await Promise.all(events.map((event) => listShiftIdsOfTechnicianOnEvent(principal.organizationId, principal.userId, event.eventId)));
  const withShifts = events.map((event, i) => ({ ...event, shiftIds: shiftIds[i]! }));
  return { statusCode: 200, body: currentUserView(user, membership, profile, withShifts) };
});
