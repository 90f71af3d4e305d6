import type { TechnicianProfile } from '../../domain/technician.ts';
import { getMembership, getUser, type Membership, type User } from '../../store/identity.ts';
import { getTechnicianProfile, listCrewAssignmentsOfUser, updateUserContact, type ContactChanges, type CrewAssignment } from '../../store/technicians.ts';
import { listShiftIdsOfTechnicianOnEvent } from '../../store/shifts.ts';
import type { Actor } from '../actor.ts';

/** The caller as GET and PATCH /v1/users/me show them: account, roles here, profile, current events. */
export interface CurrentUser {
  user: User;
  membership: Membership;
  profile: TechnicianProfile | null;
  events: (CrewAssignment & { eventName: string; shiftIds: string[] })[];
}

export async function getCurrentUserUseCase(actor: Actor): Promise<CurrentUser> {
  const [user, membership, profile, events] = await Promise.all([
    getUser(actor.userId),
    getMembership(actor.organizationId, actor.userId),
    getTechnicianProfile(actor.organizationId, actor.userId),
    listCrewAssignmentsOfUser(actor.userId, actor.organizationId),
  ]);
  if (!user || !membership) throw new Error(`authorised caller ${actor.userId} has no user or membership record`);
  // One bounded query per current event: the user's shifts on it, by start, cancelled ones left out.
  const shiftIds = await Promise.all(events.map((event) => listShiftIdsOfTechnicianOnEvent(actor.organizationId, actor.userId, event.eventId)));
  return { user, membership, profile, events: events.map((event, i) => ({ ...event, shiftIds: shiftIds[i]! })) };
}

/** A member's own contact details only (the strict body refuses contract, skills, roles, e-mail). */
export async function updateCurrentUserUseCase(actor: Actor, changes: ContactChanges): Promise<CurrentUser> {
  const user = await updateUserContact(actor.userId, changes);
  const [membership, profile, events] = await Promise.all([
    getMembership(actor.organizationId, actor.userId),
    getTechnicianProfile(actor.organizationId, actor.userId),
    listCrewAssignmentsOfUser(actor.userId, actor.organizationId),
  ]);
  if (!membership) throw new Error(`authorised caller ${actor.userId} has no membership record`);
  // Same shape as GET /v1/users/me; shift ids arrive with the shifts capability.
  return { user, membership, profile, events: events.map((event) => ({ ...event, shiftIds: [] as string[] })) };
}
