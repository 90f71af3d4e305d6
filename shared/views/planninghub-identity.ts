/** PlanningHub views of identity: the spec's snake_case shapes. */
import type { Membership, User } from '../store/identity.ts';
import type { TechnicianProfile } from '../domain/technician.ts';
import { availabilityView, contractView, specializationsView } from './technician-profile.ts';
import type { CrewAssignment } from '../store/technicians.ts';

export function currentUserView(
  user: User,
  membership: Membership,
  profile: TechnicianProfile | null,
  events: (CrewAssignment & { eventName: string; shiftIds: string[] })[],
) {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    phone: user.phone,
    roles: membership.roles,
    specializations: specializationsView(profile?.specializations ?? []),
    availability: availabilityView(profile?.availability ?? {}),
    employment_contract: contractView(profile?.employmentContract),
    current_events: events.map((event) => ({ id: event.eventId, name: event.eventName, role: event.role, shifts: event.shiftIds })),
  };
}

export function memberView(membership: Membership, user: User | undefined) {
  return {
    user_id: membership.userId,
    email: user?.email ?? '',
    first_name: user?.firstName ?? '',
    last_name: user?.lastName ?? '',
    roles: membership.roles,
    joined_at: membership.createdAt,
  };
}
