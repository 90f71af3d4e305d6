import {
  acceptInvitation,
  createInvitation,
  declineInvitation,
  findInvitationOfUser,
  getOrganizationNames,
  getUser,
  listInvitationsOfEmail,
  listInvitationsOfOrganization,
  newInvitationId,
  revokeInvitation,
  type Invitation,
} from '../../store/identity.ts';
import { answerableInvitation, invitationNotPending, isAnswerable, newInvitation } from '../../domain/invitation.ts';
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
export function inviteMemberUseCase(actor: Actor, input: { email: string; roles: string[] }, now = new Date()): Promise<Invitation> {
  return createInvitation(newInvitation({ id: newInvitationId(), organizationId: actor.organizationId, email: input.email, roles: input.roles, invitedBy: actor.userId, now }));
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

/** The invitation the caller may still answer at `now`, or the reason they cannot (shared/domain/invitation.ts). */
async function loadAnswerable(actor: Pick<Actor, 'userId'>, invitationId: string, now: Date): Promise<Invitation> {
  return answerableInvitation(await findInvitationOfUser(actor.userId, invitationId), now);
}

/**
 * The write's condition refused: the invitation changed between our read and our write (answered,
 * revoked, replaced). Read again to say what became of it.
 */
async function refusal(actor: Pick<Actor, 'userId'>, invitationId: string, now: Date): Promise<never> {
  await loadAnswerable(actor, invitationId, now);
  throw invitationNotPending();
}

/** Joining an organisation is the person's own decision: the caller answers only invitations sent to their address. */
export async function acceptInvitationUseCase(actor: Pick<Actor, 'userId'>, invitationId: string, now = new Date()): Promise<InvitationOfInvitee> {
  const invitation = await loadAnswerable(actor, invitationId, now);
  if (!(await acceptInvitation(invitation, actor.userId, now))) return refusal(actor, invitationId, now);
  return withOrganizationName({ ...invitation, status: 'accepted', respondedAt: now.toISOString() });
}

export async function declineInvitationUseCase(actor: Pick<Actor, 'userId'>, invitationId: string, now = new Date()): Promise<InvitationOfInvitee> {
  const invitation = await loadAnswerable(actor, invitationId, now);
  if (!(await declineInvitation(invitation, now))) return refusal(actor, invitationId, now);
  return withOrganizationName({ ...invitation, status: 'declined', respondedAt: now.toISOString() });
}

/** The signed-in person's pending invitations, found by their account's e-mail (no organisation needed). */
export async function listMyInvitationsUseCase(actor: Pick<Actor, 'userId'>, now = new Date()): Promise<InvitationOfInvitee[]> {
  const user = await getUser(actor.userId);
  const invitations = user ? (await listInvitationsOfEmail(user.email)).filter((invitation) => isAnswerable(invitation, now)) : [];
  const names = await getOrganizationNames(invitations.map((invitation) => invitation.organizationId));
  return invitations.map((invitation) => ({ invitation, organizationName: names.get(invitation.organizationId) ?? '' }));
}
