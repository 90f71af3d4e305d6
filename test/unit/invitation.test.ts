import { describe, expect, it } from 'vitest';
import { answerableInvitation, INVITATION_VALIDITY_DAYS, isAnswerable, newInvitation, stateForInvitee, stateForOrganization } from '../../shared/domain/invitation.ts';
import type { Invitation } from '../../shared/domain/identity.ts';

const sentAt = new Date('2026-03-02T09:30:00.000Z');
const invitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  ...newInvitation({ id: 'inv_1', organizationId: 'org_1', email: '  Marie.Dupont@Example.FR ', roles: ['technician'], invitedBy: 'usr_admin', now: sentAt }),
  ...overrides,
});
const codeOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('an invitation', () => {
  it('is valid fourteen days from its sending, for the address in lower case', () => {
    // act
    const sent = invitation();
    // assess
    expect(INVITATION_VALIDITY_DAYS).toBe(14);
    expect(sent).toMatchObject({ email: 'marie.dupont@example.fr', status: 'pending', createdAt: '2026-03-02T09:30:00.000Z', validUntil: '2026-03-16T09:30:00.000Z' });
  });

  it('can be answered until the last millisecond before validUntil, not at that instant', () => {
    // prepare
    const sent = invitation();
    const lastMoment = new Date('2026-03-16T09:29:59.999Z');
    const deadline = new Date('2026-03-16T09:30:00.000Z');
    // act / assess
    expect(answerableInvitation(sent, lastMoment)).toBe(sent);
    expect(isAnswerable(sent, lastMoment)).toBe(true);
    expect(codeOf(() => answerableInvitation(sent, deadline))).toBe('INVITATION_EXPIRED');
    expect(isAnswerable(sent, deadline)).toBe(false);
  });

  it('refuses an unknown invitation (404), an answered one (409 NOT_PENDING) before an expired one', () => {
    // prepare
    const late = new Date('2026-04-01T00:00:00.000Z');
    // act / assess
    expect(codeOf(() => answerableInvitation(null, sentAt))).toBe('NOT_FOUND');
    expect(codeOf(() => answerableInvitation(invitation({ status: 'declined' }), sentAt))).toBe('INVITATION_NOT_PENDING');
    expect(codeOf(() => answerableInvitation(invitation({ status: 'accepted' }), late))).toBe('INVITATION_NOT_PENDING');
    expect(codeOf(() => answerableInvitation(invitation(), late))).toBe('INVITATION_EXPIRED');
  });

  it('shows a decline as pending to the organisation until expiry, and as declined to the invitee', () => {
    // prepare
    const before = new Date('2026-03-10T00:00:00.000Z');
    const after = new Date('2026-03-20T00:00:00.000Z');
    const declined = invitation({ status: 'declined' });
    // act / assess
    expect([stateForOrganization(declined, before), stateForOrganization(declined, after)]).toEqual(['pending', 'expired']);
    expect([stateForInvitee(declined, before), stateForInvitee(declined, after)]).toEqual(['declined', 'declined']);
    expect([stateForInvitee(invitation(), before), stateForInvitee(invitation(), after)]).toEqual(['pending', 'expired']);
    expect(stateForOrganization(invitation({ status: 'accepted' }), after)).toBe('accepted');
  });
});
