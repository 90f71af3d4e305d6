/**
 * The rules of an invitation: how long it stays valid, whether its invitee may still answer it,
 * and which state the organisation and the invitee see. Pure: the clock is a parameter. The store
 * re-checks "pending and valid" as the write's condition (the invitation may change between the
 * read and the write); this module decides what to answer.
 */
import { DomainError } from './errors.ts';
import type { Invitation } from './identity.ts';

export const INVITATION_VALIDITY_DAYS = 14;

const DAY_MS = 86_400_000;

export const invitationNotFound = () => DomainError.of('not_found', 'NOT_FOUND.invitation');
export const invitationNotPending = () => DomainError.of('conflict', 'INVITATION_NOT_PENDING');
export const invitationExpired = () => DomainError.of('conflict', 'INVITATION_EXPIRED');

/** A new invitation: pending, valid for INVITATION_VALIDITY_DAYS from `now`; the address compared case-insensitively. */
export function newInvitation(input: { id: string; organizationId: string; email: string; roles: string[]; invitedBy: string; now: Date }): Invitation {
  return {
    id: input.id,
    organizationId: input.organizationId,
    email: input.email.trim().toLowerCase(),
    roles: input.roles,
    status: 'pending',
    invitedBy: input.invitedBy,
    createdAt: input.now.toISOString(),
    validUntil: new Date(input.now.getTime() + INVITATION_VALIDITY_DAYS * DAY_MS).toISOString(),
  };
}

/** Past its validity: from the instant `validUntil` on (the store's condition is `validUntil > :now`). */
export const isPastValidity = (invitation: Pick<Invitation, 'validUntil'>, now: Date) => invitation.validUntil <= now.toISOString();

/** Still answerable: pending and within its validity. */
export const isAnswerable = (invitation: Invitation, now: Date) => invitation.status === 'pending' && !isPastValidity(invitation, now);

/**
 * The invitation its invitee asks to answer, or why they cannot: unknown to them (404), already
 * answered (409 INVITATION_NOT_PENDING) or past its validity (409 INVITATION_EXPIRED).
 */
export function answerableInvitation(invitation: Invitation | null, now: Date): Invitation {
  if (!invitation) throw invitationNotFound();
  if (invitation.status !== 'pending') throw invitationNotPending();
  if (isPastValidity(invitation, now)) throw invitationExpired();
  return invitation;
}

/**
 * The state the organisation sees: a decline is shown as pending until expiry (only an account
 * holder can decline, so telling it would tell whether the address has an account).
 */
export const stateForOrganization = (invitation: Invitation, now: Date): 'pending' | 'accepted' | 'expired' =>
  invitation.status === 'accepted' ? 'accepted' : isPastValidity(invitation, now) ? 'expired' : 'pending';

/** The state its invitee sees: their own answer, or expired when they let it lapse. */
export const stateForInvitee = (invitation: Invitation, now: Date): 'pending' | 'accepted' | 'declined' | 'expired' =>
  invitation.status === 'pending' && isPastValidity(invitation, now) ? 'expired' : invitation.status;
