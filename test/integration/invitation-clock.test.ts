/**
 * An invitation's validity with an injected clock: the use cases run in this process against the
 * test runtime's DynamoDB Local (test/integration/in-process.ts) at chosen instants around the
 * deadline, instead of rewriting the item's validUntil by hand. The store's own condition is
 * checked too: a write whose read came before the deadline and whose write comes at it is refused
 * inside DynamoDB, whatever the use case judged.
 */
import { describe, expect, it } from 'vitest';
import { api, arrangeOrganization, arrangeUser } from './support.ts';
import { actorOf, useTestRuntimeTable } from './in-process.ts';
import { acceptInvitationUseCase, declineInvitationUseCase, listMyInvitationsUseCase } from '../../shared/app/identity/invitations.ts';
import { acceptInvitation, declineInvitation, findInvitationOfUser } from '../../shared/store/identity.ts';

const codeOf = (promise: Promise<unknown>) => promise.then(
  () => null,
  (error: { code?: string }) => error.code,
);

async function arrangeInvitation() {
  useTestRuntimeTable();
  const [admin] = await arrangeOrganization({ members: 1 });
  const person = await arrangeUser();
  const sent = await api('POST', '/v1/members', { token: admin!.accessToken, headers: { 'x-organization-id': admin!.organizationId }, body: { email: person.email, roles: ['technician'] } });
  expect(sent.status).toBe(202);
  const deadline = new Date(sent.body.expires_at as string);
  return { admin: admin!, person, invitationId: sent.body.invitation_id as string, deadline, lastMoment: new Date(deadline.getTime() - 1) };
}

describe('an invitation with an injected clock', () => {
  it('is listed, and may be accepted, until the millisecond before its deadline', async () => {
    // prepare
    const { admin, person, invitationId, deadline, lastMoment } = await arrangeInvitation();
    const invitee = { userId: person.userId };
    // act
    const listedBefore = await listMyInvitationsUseCase(invitee, lastMoment);
    const listedAtDeadline = await listMyInvitationsUseCase(invitee, deadline);
    const accepted = await acceptInvitationUseCase(invitee, invitationId, lastMoment);
    const again = await codeOf(acceptInvitationUseCase(invitee, invitationId, lastMoment));
    // assess
    expect(listedBefore.map(({ invitation }) => invitation.id)).toEqual([invitationId]);
    expect(listedAtDeadline).toEqual([]);
    expect(accepted.invitation).toMatchObject({ id: invitationId, status: 'accepted', respondedAt: lastMoment.toISOString() });
    expect(again).toBe('INVITATION_NOT_PENDING');
    const members = await api('GET', '/v1/members', { token: admin.accessToken, headers: { 'x-organization-id': admin.organizationId } });
    expect(members.body.results.map((member: { user_id: string }) => member.user_id).sort()).toEqual([admin.userId, person.userId].sort());
  });

  it('is refused as expired from its deadline on, for accepting and declining alike, and stays pending', async () => {
    // prepare
    const { admin, person, invitationId, deadline } = await arrangeInvitation();
    const invitee = { userId: person.userId };
    const aDayLater = new Date(deadline.getTime() + 86_400_000);
    // act
    const refusals = [
      await codeOf(acceptInvitationUseCase(invitee, invitationId, deadline)),
      await codeOf(declineInvitationUseCase(invitee, invitationId, deadline)),
      await codeOf(acceptInvitationUseCase(invitee, invitationId, aDayLater)),
    ];
    // assess
    expect(refusals).toEqual(['INVITATION_EXPIRED', 'INVITATION_EXPIRED', 'INVITATION_EXPIRED']);
    expect((await findInvitationOfUser(person.userId, invitationId))?.status).toBe('pending');
    const members = await api('GET', '/v1/members', { token: admin.accessToken, headers: { 'x-organization-id': admin.organizationId } });
    expect(members.body.results.map((member: { user_id: string }) => member.user_id)).toEqual([admin.userId]);
  });

  it('is refused by the write itself when the deadline passes between the read and the write', async () => {
    // prepare: the invitation as a use case read it just before the deadline
    const { admin, person, invitationId, deadline } = await arrangeInvitation();
    const read = (await findInvitationOfUser(person.userId, invitationId))!;
    // act: the writes happen at the deadline
    const acceptedLate = await acceptInvitation(read, person.userId, deadline);
    const declinedLate = await declineInvitation(read, deadline);
    // assess: nothing written
    expect(acceptedLate).toBeNull();
    expect(declinedLate).toBe(false);
    expect((await findInvitationOfUser(person.userId, invitationId))?.status).toBe('pending');
    const members = await api('GET', '/v1/members', { token: admin.accessToken, headers: { 'x-organization-id': admin.organizationId } });
    expect(members.body.results.map((member: { user_id: string }) => member.user_id)).toEqual([admin.userId]);
  });
});
