/**
 * Joining an organisation by invitation (no cross-tenant personal data) and "an organisation keeps
 * at least one admin" under simultaneous requests, through the local gateway.
 */
import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { api, arrangeOrganization, arrangeUser, personalToken, tableClient, tokenFor, type ArrangedMember } from './support.ts';
import { actorOf, DAY_MS, useTestRuntimeTable } from './in-process.ts';
import * as keys from '../../shared/store/keys.ts';
import { inviteMemberUseCase } from '../../shared/app/identity/invitations.ts';

const ph = (token: string, organizationId: string, extra: Record<string, unknown> = {}) => ({ token, headers: { 'x-organization-id': organizationId }, ...extra });

async function arrangeAdmin() {
  const [admin] = await arrangeOrganization({ members: 1 });
  return admin!;
}

const invite = (admin: ArrangedMember, email: string, roles: string[] = ['technician']) =>
  api('POST', '/v1/members', ph(admin.accessToken, admin.organizationId, { body: { email, roles } }));

const members = async (admin: ArrangedMember) => (await api('GET', '/v1/members', ph(admin.accessToken, admin.organizationId))).body.results as { user_id: string; email: string; roles: string[] }[];

describe('API1:2023 / API3:2023 — adding a member discloses nothing about the person until they accept', () => {
  it('answers 202 with the same shape and no profile data whether or not the address has an account', async () => {
    // prepare
    const admin = await arrangeAdmin();
    const known = await arrangeUser({ firstName: 'Secret', lastName: 'Person', phone: '+33 6 00 00 00 00' });
    const unknownEmail = `nobody-${known.userId}@example.com`;
    // act
    const [toKnown, toUnknown] = [await invite(admin, known.email), await invite(admin, unknownEmail)];
    // assess
    expect([toKnown.status, toUnknown.status]).toEqual([202, 202]);
    expect(Object.keys(toKnown.body).sort()).toEqual(Object.keys(toUnknown.body).sort());
    expect(Object.keys(toKnown.body).sort()).toEqual(['email', 'expires_at', 'invitation_id', 'roles', 'status']);
    expect(toKnown.body).toMatchObject({ email: known.email, roles: ['technician'], status: 'pending' });
    expect(toUnknown.body).toMatchObject({ email: unknownEmail, roles: ['technician'], status: 'pending' });
    expect(toKnown.text).not.toContain(known.userId);
    expect(toKnown.text).not.toContain('Secret');
    expect(toKnown.text).not.toContain('+33');
  });

  it('shows the organisation no profile before acceptance, only the address, roles and status of the invitation', async () => {
    // prepare
    const admin = await arrangeAdmin();
    const person = await arrangeUser({ firstName: 'Secret', lastName: 'Person', phone: '+33 6 00 00 00 00' });
    const invited = await invite(admin, person.email);
    // act
    const listed = await members(admin);
    const invitations = await api('GET', '/v1/members/invitations', ph(admin.accessToken, admin.organizationId));
    const profile = await api('GET', `/v1/technicians/${person.userId}`, ph(admin.accessToken, admin.organizationId));
    // assess
    expect(listed.map((member) => member.user_id)).toEqual([admin.userId]);
    expect(invitations.status).toBe(200);
    expect(invitations.body.results).toEqual([{ invitation_id: invited.body.invitation_id, email: person.email, roles: ['technician'], status: 'pending', expires_at: invited.body.expires_at }]);
    expect(invitations.text).not.toContain(person.userId);
    expect(profile.status).toBe(404);
  });

  it('lets the invitee list and accept with their own JWT, without X-Organization-ID, and only then shows them', async () => {
    // prepare
    const admin = await arrangeAdmin();
    const person = await arrangeUser({ firstName: 'Lou', lastName: 'Invitée' });
    const invited = await invite(admin, person.email, ['technician', 'sound_engineer']);
    // act
    const mine = await api('GET', '/v1/invitations', { token: person.token });
    const accepted = await api('POST', `/v1/invitations/${invited.body.invitation_id}/accept`, { token: person.token });
    // assess
    expect(mine.status).toBe(200);
    expect(mine.body.results).toEqual([
      expect.objectContaining({ invitation_id: invited.body.invitation_id, organization: { id: admin.organizationId, name: 'Test production' }, roles: ['technician', 'sound_engineer'], status: 'pending' }),
    ]);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ invitation_id: invited.body.invitation_id, status: 'accepted' });
    expect((await members(admin)).find((member) => member.user_id === person.userId)).toMatchObject({ email: person.email, roles: ['technician', 'sound_engineer'] });
    expect((await api('GET', '/v1/invitations', { token: person.token })).body.results).toEqual([]);
    expect((await api('GET', '/v1/members/invitations', ph(admin.accessToken, admin.organizationId))).body.results).toEqual([]);
    expect((await api('POST', `/v1/invitations/${invited.body.invitation_id}/accept`, { token: person.token })).status).toBe(409);
  });

  it('binds the invitation to the address: another user neither sees, accepts nor declines it', async () => {
    // prepare
    const admin = await arrangeAdmin();
    const invitee = await arrangeUser();
    const other = await arrangeUser();
    const invited = await invite(admin, invitee.email, ['admin']);
    // act
    const seen = await api('GET', '/v1/invitations', { token: other.token });
    const accepted = await api('POST', `/v1/invitations/${invited.body.invitation_id}/accept`, { token: other.token });
    const declined = await api('POST', `/v1/invitations/${invited.body.invitation_id}/decline`, { token: other.token });
    const asOrganization = await api('POST', `/v1/invitations/${invited.body.invitation_id}/accept`, { token: admin.accessToken });
    // assess
    expect(seen.body.results).toEqual([]);
    expect([accepted.status, accepted.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect([declined.status, declined.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(asOrganization.status).toBe(404);
    expect((await members(admin)).map((member) => member.user_id)).toEqual([admin.userId]);
    expect((await api('GET', '/v1/invitations', { token: invitee.token })).body.count).toBe(1);
  });

  it('lets the invitee decline; the organisation is not told (still pending) and it can no longer be accepted', async () => {
    // prepare
    const admin = await arrangeAdmin();
    const person = await arrangeUser();
    const invited = await invite(admin, person.email);
    // act
    const declined = await api('POST', `/v1/invitations/${invited.body.invitation_id}/decline`, { token: person.token });
    // assess
    expect([declined.status, declined.body.status]).toEqual([200, 'declined']);
    expect((await api('GET', '/v1/invitations', { token: person.token })).body.results).toEqual([]);
    expect((await api('GET', '/v1/members/invitations', ph(admin.accessToken, admin.organizationId))).body.results[0].status).toBe('pending');
    const late = await api('POST', `/v1/invitations/${invited.body.invitation_id}/accept`, { token: person.token });
    expect([late.status, late.body.error.code]).toEqual([409, 'INVITATION_NOT_PENDING']);
    expect((await members(admin)).map((member) => member.user_id)).toEqual([admin.userId]);
  });

  it('refuses an expired invitation and a revoked one', async () => {
    // prepare: one invitation sent fifteen days ago (the use case, in this process, with its clock
    // set back), one revoked by the admin
    useTestRuntimeTable();
    const admin = await arrangeAdmin();
    const late = await arrangeUser();
    const withdrawn = await arrangeUser();
    const expiredId = (await inviteMemberUseCase(actorOf(admin), { email: late.email, roles: ['technician'] }, new Date(Date.now() - 15 * DAY_MS))).id;
    const revokedInvitation = await invite(admin, withdrawn.email);
    const revoked = await api('DELETE', `/v1/members/invitations/${revokedInvitation.body.invitation_id}`, ph(admin.accessToken, admin.organizationId));
    // act
    const acceptExpired = await api('POST', `/v1/invitations/${expiredId}/accept`, { token: late.token });
    const acceptRevoked = await api('POST', `/v1/invitations/${revokedInvitation.body.invitation_id}/accept`, { token: withdrawn.token });
    // assess
    expect(revoked.status).toBe(200);
    expect([acceptExpired.status, acceptExpired.body.error.code]).toEqual([409, 'INVITATION_EXPIRED']);
    expect([acceptRevoked.status, acceptRevoked.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await api('GET', '/v1/invitations', { token: late.token })).body.results).toEqual([]);
    expect((await members(admin)).map((member) => member.user_id)).toEqual([admin.userId]);
    const listed = (await api('GET', '/v1/members/invitations', ph(admin.accessToken, admin.organizationId))).body.results;
    expect(listed.map((invitation: { email: string; status: string }) => [invitation.email, invitation.status])).toEqual([[late.email, 'expired']]);
  });

  it('refuses API keys on the invitee routes (403 JWT_REQUIRED): joining is the person’s own act', async () => {
    // prepare: the invitee is a member elsewhere and holds an API key there
    const admin = await arrangeAdmin();
    const [elsewhere] = await arrangeOrganization({ members: 1, roles: ['technician'] });
    const invited = await invite(admin, elsewhere!.email);
    // act
    const listed = await api('GET', '/v1/invitations', { token: elsewhere!.apiKey });
    const accepted = await api('POST', `/v1/invitations/${invited.body.invitation_id}/accept`, { token: elsewhere!.apiKey });
    // assess
    expect([listed.status, listed.body.error.code]).toEqual([403, 'JWT_REQUIRED']);
    expect([accepted.status, accepted.body.error.code]).toEqual([403, 'JWT_REQUIRED']);
    expect((await members(admin)).map((member) => member.user_id)).toEqual([admin.userId]);
    // their JWT, which names their other organisation, works
    expect((await api('POST', `/v1/invitations/${invited.body.invitation_id}/accept`, { token: elsewhere!.accessToken })).status).toBe(200);
  });

  it('answers 409 ALREADY_MEMBER for a member of the same organisation (its own data), and 401 without a token', async () => {
    // prepare
    const [admin, member] = await arrangeOrganization({ members: 2, roles: (index) => (index === 0 ? ['admin'] : ['technician']) });
    // act
    const again = await invite(admin!, member!.email);
    const anonymous = await api('GET', '/v1/invitations');
    // assess
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_MEMBER']);
    expect(anonymous.status).toBe(401);
  });

  it('keeps the invitation routes of the organisation for its admins', async () => {
    // prepare
    const [, technician] = await arrangeOrganization({ members: 2, roles: (index) => (index === 0 ? ['admin'] : ['technician']) });
    // act
    const listed = await api('GET', '/v1/members/invitations', ph(technician!.accessToken, technician!.organizationId));
    const revoked = await api('DELETE', '/v1/members/invitations/inv_x', ph(technician!.accessToken, technician!.organizationId));
    // assess
    expect([listed.status, revoked.status]).toEqual([403, 403]);
  });
});

const ROUNDS = 10;

async function adminsOf(member: ArrangedMember) {
  return (await members(member)).filter((candidate) => candidate.roles.includes('admin')).map((candidate) => candidate.user_id);
}

async function adminCounter(organizationId: string) {
  const { client, tableName } = tableClient();
  return (await client.send(new GetCommand({ TableName: tableName, Key: keys.organization(organizationId) }))).Item?.adminCount;
}

/**
 * Exactly one request wins. The loser is a 409 LAST_ADMIN when both ran at once; on a loaded
 * machine it may arrive after its caller was already demoted or removed, a 403 at the door: the
 * invariant holds either way. Returns whether the race itself was decided by the store (409).
 */
function expectOneWinner(responses: { status: number; body: { error?: { code: string } } }[], round: number): boolean {
  const sorted = responses.map((response) => response.status).sort();
  expect(sorted[0], `round ${round}: ${sorted}`).toBe(200);
  expect([403, 409], `round ${round}: ${sorted}`).toContain(sorted[1]);
  const loser = responses.find((response) => response.status !== 200)!;
  if (loser.status === 409) expect(loser.body.error!.code).toBe('LAST_ADMIN');
  return loser.status === 409;
}

describe('An organisation keeps at least one admin under simultaneous requests (409 LAST_ADMIN)', () => {
  it('two admins demoting each other at once: one 200, one 409, one admin left', async () => {
    let raced = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // prepare: every other round an organisation without the counter (written before it existed)
      const [a, b] = await arrangeOrganization({ members: 2, withoutAdminCount: round % 2 === 1 });
      // act
      const responses = await Promise.all([
        api('PATCH', `/v1/members/${b!.userId}`, ph(a!.accessToken, a!.organizationId, { body: { roles: ['technician'] } })),
        api('PATCH', `/v1/members/${a!.userId}`, ph(b!.accessToken, b!.organizationId, { body: { roles: ['technician'] } })),
      ]);
      // assess
      if (expectOneWinner(responses, round)) raced++;
      const survivor = responses[0]!.status === 200 ? a! : b!;
      expect(await adminsOf(survivor)).toEqual([survivor.userId]);
      expect(await adminCounter(a!.organizationId)).toBe(1);
    }
    // at least one round must have been a true race, decided by the transaction's condition
    expect(raced).toBeGreaterThan(0);
  });

  it('two admins removing each other at once: one 200, one 409, one admin left', async () => {
    let raced = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // prepare
      const [a, b] = await arrangeOrganization({ members: 2, withoutAdminCount: round % 2 === 1 });
      // act
      const responses = await Promise.all([
        api('DELETE', `/v1/members/${b!.userId}`, ph(a!.accessToken, a!.organizationId)),
        api('DELETE', `/v1/members/${a!.userId}`, ph(b!.accessToken, b!.organizationId)),
      ]);
      // assess
      if (expectOneWinner(responses, round)) raced++;
      const survivor = responses[0]!.status === 200 ? a! : b!;
      expect(await adminsOf(survivor)).toEqual([survivor.userId]);
      expect(await adminCounter(a!.organizationId)).toBe(1);
    }
    // at least one round must have been a true race, decided by the transaction's condition
    expect(raced).toBeGreaterThan(0);
  });

  it('an admin demoting themselves while the other admin is removed: one 200, one 409', async () => {
    let raced = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // prepare
      const [a, b] = await arrangeOrganization({ members: 2, withoutAdminCount: round % 2 === 1 });
      // act
      const responses = await Promise.all([
        api('PATCH', `/v1/members/${a!.userId}`, ph(a!.accessToken, a!.organizationId, { body: { roles: ['stage_manager'] } })),
        api('DELETE', `/v1/members/${b!.userId}`, ph(a!.accessToken, a!.organizationId)),
      ]);
      // assess
      if (expectOneWinner(responses, round)) raced++;
      expect(await adminsOf(a!)).toHaveLength(1);
      expect(await adminCounter(a!.organizationId)).toBe(1);
    }
    // at least one round must have been a true race, decided by the transaction's condition
    expect(raced).toBeGreaterThan(0);
  });

  it('counts an admin who joined by invitation, then still keeps one when both leave at once', async () => {
    // prepare: one arranged admin, a second who accepts an admin invitation
    const admin = await arrangeAdmin();
    const person = await arrangeUser();
    const invited = await invite(admin, person.email, ['admin']);
    expect((await api('POST', `/v1/invitations/${invited.body.invitation_id}/accept`, { token: personalToken(person.userId) })).status).toBe(200);
    expect(await adminCounter(admin.organizationId)).toBe(2);
    const joined = tokenFor(person.userId, admin.organizationId);
    // act
    const responses = await Promise.all([
      api('PATCH', `/v1/members/${person.userId}`, ph(admin.accessToken, admin.organizationId, { body: { roles: ['technician'] } })),
      api('PATCH', `/v1/members/${admin.userId}`, ph(joined, admin.organizationId, { body: { roles: ['technician'] } })),
    ]);
    // assess
    expectOneWinner(responses, 0);
    // the survivor is the one whose demotion of the other went through
    const survivor = responses[0]!.status === 200 ? admin : { ...admin, userId: person.userId, accessToken: joined };
    expect(await adminsOf(survivor)).toEqual([survivor.userId]);
    expect(await adminCounter(admin.organizationId)).toBe(1);
  });
});
