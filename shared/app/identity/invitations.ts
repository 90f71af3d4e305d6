import {
  acceptInvitation,
  createInvitation,
  declineInvitation,
  getOrganizationNames,
  getUser,
  listInvitationsOfEmail,
  listInvitationsOfOrganization,
  revokeInvitation,
  type Invitation,
} from '../../store/identity.ts';
import type { Actor } from '../actor.ts';

/** An invitation as its invitee sees it: with the name of the organisation they are not (yet) a member of. */
export interface InvitationOfInvitee {
  invitation: Invitation;
  organizationName: string;
}

/**
 * POST /v1/organizations/members: invites an address; the person joins when they accept with
 * their own account. The same work whether or not the address has an account.
 */
export function inviteMemberUseCase(actor: Actor, input: { email: string; roles: string[] }, now: Date): Promise<Invitation> {
  return createInvitation({ organizationId: actor.organizationId, email: input.email, roles: input.roles, invitedBy: actor.userId, now });
}

export function listInvitationsUseCase(actor: Actor): Promise<Invitation[]> {
  return listInvitationsOfOrganization(actor.organizationId);
}

export function revokeInvitationUseCase(actor: Actor, invitationId: string): Promise<void> {
  return revokeInvitation(actor.organizationId, invitationId);
}

async function withOrganizationName(invitation: Invitation): Promise<InvitationOfInvitee> {
  const names = await getOrganizationNames([invitation.organizationId]);
  return { invitation, organizationName: names.get(invitation.organizationId) ?? '' };
}

/** Joining an organisation is the person's own decision: the caller answers only invitations sent to their address. */
export async function acceptInvitationUseCase(actor: Pick<Actor, 'userId'>, invitationId: string, now: Date): Promise<InvitationOfInvitee> {
  const { invitation } = await acceptInvitation(actor.userId, invitationId, now);
  return withOrganizationName(invitation);
}

export async function declineInvitationUseCase(actor: Pick<Actor, 'userId'>, invitationId: string, now: Date): Promise<InvitationOfInvitee> {
  return withOrganizationName(await declineInvitation(actor.userId, invitationId, now));
}

/** Still answerable: pending and within its validity. */
const isAnswerable = (invitation: Invitation, now: Date) => invitation.status === 'pending' && invitation.validUntil > now.toISOString();

/** The signed-in person's pending invitations, found by their account's e-mail (no organisation needed). */
export async function listMyInvitationsUseCase(actor: Pick<Actor, 'userId'>, now: Date): Promise<InvitationOfInvitee[]> {
  const user = await getUser(actor.userId);
  const invitations = user ? (await listInvitationsOfEmail(user.email)).filter((invitation) => isAnswerable(invitation, now)) : [];
  const names = await getOrganizationNames(invitations.map((invitation) => invitation.organizationId));
  return invitations.map((invitation) => ({ invitation, organizationName: names.get(invitation.organizationId) ?? '' }));
}
