import { endpoint } from '../../shared/http/endpoint.ts';
import { toContactChanges, updateMeBody } from '../../shared/schemas/technicians.ts';
import { getMembership } from '../../shared/store/identity.ts';
import { getTechnicianProfile, listCrewAssignmentsOfUser, updateUserContact } from '../../shared/store/technicians.ts';
import { currentUserView } from '../../shared/views/planninghub-identity.ts';

/** A member's own contact details; the strict body refuses anything else (contract, skills, roles, e-mail). */
export const handler = endpoint({ surface: 'planninghub', body: updateMeBody }, async ({ body, principal }) => {
  const user = await updateUserContact(principal.userId, toContactChanges(body));
  const [membership, profile, events] = await Promise.all([
    getMembership(principal.organizationId, principal.userId),
    getTechnicianProfile(principal.organizationId, principal.userId),
    listCrewAssignmentsOfUser(principal.userId, principal.organizationId),
  ]);
  if (!membership) throw new Error(`authorised caller ${principal.userId} has no membership record`);
  // Same shape as GET /v1/users/me; shift ids arrive with the shifts capability.
  return { statusCode: 200, body: currentUserView(user, membership, profile, events.map((event) => ({ ...event, shiftIds: [] as string[] }))) };
});
