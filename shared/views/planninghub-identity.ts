/** PlanningHub views of identity: the spec's snake_case shapes. */
import type { Invitation, Membership, User } from '../domain/identity.ts';
import { stateForInvitee, stateForOrganization } from '../domain/invitation.ts';
import type { TechnicianProfile } from '../domain/technician.ts';
import { availabilityView, contractView, specializationsView } from './technician-profile.ts';
import type { CrewAssignment } from '../domain/technician.ts';

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

/**
 * What the organisation sees of an invitation: the address it typed and the roles it offered.
 * A decline is shown as pending (until expiry): only an account holder can decline, so telling it
 * would tell whether the address has an account.
 */
export function invitationView(invitation: Invitation, now: Date) {
  return {
    invitation_id: invitation.id,
    email: invitation.email,
    roles: invitation.roles,
    status: stateForOrganization(invitation, now),
    expires_at: invitation.validUntil,
  };
}

/** What the invitee sees: which organisation invites them, with which roles. */
export function myInvitationView(invitation: Invitation, organizationName: string, now: Date) {
  return {
    invitation_id: invitation.id,
    organization: { id: invitation.organizationId, name: organizationName },
    email: invitation.email,
    roles: invitation.roles,
    status: stateForInvitee(invitation, now),
    invited_at: invitation.createdAt,
    expires_at: invitation.validUntil,
  };
}
