/**
 * API keys are scoped and bounded: scopes per surface and method, no escalation through a key,
 * expiry, revocation for good when a member is removed, and no token without `exp`.
 */
import { describe, expect, it, inject } from 'vitest';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { api, arrangeOrganization, tableClient, type ArrangedMember } from './support.ts';
import { actorOf, useTestRuntimeTable } from './in-process.ts';
import { API_KEY_SCOPES, generateApiKey } from '../../shared/domain/api-key.ts';
import { createApiKeyUseCase } from '../../shared/app/identity/create-api-key.ts';
import { listApiKeysUseCase } from '../../shared/app/identity/api-keys.ts';
import { getMembership, membershipGeneration } from '../../shared/store/identity.ts';
import { ApiKeyHashEntity, apiKeyGrant, MembershipEntity } from '../../shared/store/entities/identity.ts';
import * as keys from '../../shared/store/keys.ts';

const ALL_SCOPES = ['eventlite:read', 'eventlite:write', 'planninghub:read', 'planninghub:write'];
const EVENTLITE_401 = { error: 'Unauthorized - Invalid or missing API key' };

const ph = (token: string, organizationId: string, extra: { body?: unknown } = {}) => ({ token, headers: { 'x-organization-id': organizationId }, ...extra });

async function issueKey(token: string, body: Record<string, unknown> = {}): Promise<{ id: string; key: string; scopes: string[]; expiresAt: string | null }> {
  const response = await api('POST', '/api/v1/api-keys', { token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

const eventBody = () => ({ title: `Scoped ${randomUUID().slice(0, 6)}`, mode: 'ONLINE', startAt: '2030-01-01T10:00:00Z' });
const productionBody = () => ({
  name: `Scoped production ${randomUUID().slice(0, 6)}`,
  start_date: '2030-03-01',
  end_date: '2030-03-02',
});

/** Writes the membership back directly, as an admin re-adding the user would: a new generation. */
async function readdMembership(member: ArrangedMember) {
  const { client, tableName } = tableClient();
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: MembershipEntity.toItem({ organizationId: member.organizationId, userId: member.userId, roles: ['technician'], createdAt: new Date().toISOString() }),
    }),
  );
}

describe('API5:2023 Broken Function Level Authorization — API key scopes', () => {
  it('a key created without scopes works on EventLite only: PlanningHub answers 403 INSUFFICIENT_SCOPE', async () => {
    // prepare: an admin's default key
    const [adminMember] = await arrangeOrganization({ members: 1 });
    const { key, scopes } = await issueKey(adminMember!.accessToken, { name: 'default' });
    // act
    const addAdmin = await api('POST', '/v1/members', ph(key, adminMember!.organizationId, { body: { email: `intruder-${randomUUID()}@example.com`, roles: ['admin'] } }));
    const readEvents = await api('GET', '/v1/events', ph(key, adminMember!.organizationId));
    const eventLiteRead = await api('GET', '/api/v1/events', { token: key });
    const eventLiteWrite = await api('POST', '/api/v1/events', { token: key, body: eventBody() });
    // assess
    expect(scopes).toEqual(['eventlite:read', 'eventlite:write']);
    expect(addAdmin.status).toBe(403);
    expect(addAdmin.body.error).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: [{ field: 'scope', message: 'planninghub:write' }] });
    expect(readEvents.status).toBe(403);
    expect(readEvents.body.error).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: [{ field: 'scope', message: 'planninghub:read' }] });
    expect(eventLiteRead.status).toBe(200);
    expect(eventLiteWrite.status).toBe(201);
    expect((await api('GET', '/v1/members', ph(adminMember!.accessToken, adminMember!.organizationId))).body.count).toBe(1);
  });

  it('planninghub:read allows GET on /v1 and nothing else; the refusal names the missing scope in each envelope', async () => {
    // prepare
    const [adminMember] = await arrangeOrganization({ members: 1 });
    const { key } = await issueKey(adminMember!.accessToken, { scopes: ['planninghub:read'] });
    // act
    const read = await api('GET', '/v1/events', ph(key, adminMember!.organizationId));
    const write = await api('POST', '/v1/events', ph(key, adminMember!.organizationId, { body: productionBody() }));
    const eventLite = await api('GET', '/api/v1/events', { token: key });
    // assess
    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('INSUFFICIENT_SCOPE');
    expect(write.body.error.details).toEqual([{ field: 'scope', message: 'planninghub:write' }]);
    expect(eventLite.status).toBe(403);
    expect(eventLite.body).toMatchObject({ details: [{ field: 'scope', message: 'eventlite:read' }] });
    expect(typeof eventLite.body.error).toBe('string');
  });

  it('a key with planninghub:write can write on /v1 (roles still apply on top)', async () => {
    const [adminMember] = await arrangeOrganization({ members: 1 });
    const { key } = await issueKey(adminMember!.accessToken, { scopes: ['planninghub:read', 'planninghub:write'] });
    const created = await api('POST', '/v1/events', ph(key, adminMember!.organizationId, { body: productionBody() }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });

  it('a key cannot issue a key with scopes it does not hold (no escalation); a JWT may grant any', async () => {
    // prepare
    const [adminMember] = await arrangeOrganization({ members: 1 });
    const eventLiteKey = await issueKey(adminMember!.accessToken);
    const mixedKey = await issueKey(adminMember!.accessToken, { scopes: ['eventlite:write', 'planninghub:read'] });
    // act
    const escalation = await api('POST', '/api/v1/api-keys', { token: eventLiteKey.key, body: { scopes: ['planninghub:write'] } });
    const partly = await api('POST', '/api/v1/api-keys', { token: mixedKey.key, body: { scopes: ['planninghub:read', 'planninghub:write'] } });
    const subset = await api('POST', '/api/v1/api-keys', { token: mixedKey.key, body: { scopes: ['planninghub:read'] } });
    const fromJwt = await api('POST', '/api/v1/api-keys', { token: adminMember!.accessToken, body: { scopes: ALL_SCOPES } });
    // assess
    expect(escalation.status).toBe(403);
    expect(escalation.body.details).toEqual([{ field: 'scopes', message: 'planninghub:write' }]);
    expect(partly.status).toBe(403);
    expect(partly.body.details).toEqual([{ field: 'scopes', message: 'planninghub:write' }]);
    expect(subset.status).toBe(201);
    expect(subset.body.data.scopes).toEqual(['planninghub:read']);
    expect(fromJwt.status).toBe(201);
    expect(fromJwt.body.data.scopes).toEqual(ALL_SCOPES);
    const listed = await api('GET', '/api/v1/api-keys', { token: adminMember!.accessToken });
    expect(listed.body.data.find((k: { id: string }) => k.id === subset.body.data.id)).toMatchObject({ scopes: ['planninghub:read'], expiresAt: null });
  });

  it('refuses unknown scopes with 400 naming the field, and accepts known ones', async () => {
    const [adminMember] = await arrangeOrganization({ members: 1 });
    const unknown = await api('POST', '/api/v1/api-keys', { token: adminMember!.accessToken, body: { scopes: ['admin:*'] } });
    const known = await api('POST', '/api/v1/api-keys', { token: adminMember!.accessToken, body: { scopes: ['eventlite:read'] } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.details)).toContain('scopes');
    expect(known.status).toBe(201);
    expect(known.body.data.scopes).toEqual(['eventlite:read']);
  });
});

describe('API2:2023 Broken Authentication — API key expiry', () => {
  it('refuses an expiry in the past or more than a year ahead with 400 naming expiresAt, and accepts one within a year', async () => {
    const [adminMember] = await arrangeOrganization({ members: 1 });
    const past = await api('POST', '/api/v1/api-keys', { token: adminMember!.accessToken, body: { expiresAt: new Date(Date.now() - 1000).toISOString() } });
    const tooFar = await api('POST', '/api/v1/api-keys', { token: adminMember!.accessToken, body: { expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() } });
    const inAMonth = new Date(Math.floor(Date.now() / 1000) * 1000 + 30 * 86_400_000);
    const withinAYear = await api('POST', '/api/v1/api-keys', { token: adminMember!.accessToken, body: { expiresAt: inAMonth.toISOString() } });
    for (const response of [past, tooFar]) {
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'expiresAt', message: expect.any(String) }]);
    }
    expect(withinAYear.status).toBe(201);
    expect(withinAYear.body.data.expiresAt).toBe(inAMonth.toISOString());
  });

  it('an expired key is refused as unknown (401), and disappears from the list', async () => {
    // prepare: a key issued two hours ago for one hour (the use case in this process, its clock set
    // back), and one issued now for an hour, through the API
    useTestRuntimeTable();
    const [adminMember] = await arrangeOrganization({ members: 1 });
    const membership = (await getMembership(adminMember!.organizationId, adminMember!.userId))!;
    const actor = { ...actorOf(adminMember!), scopes: [...API_KEY_SCOPES], membershipGeneration: membershipGeneration(membership) };
    const twoHoursAgo = Date.now() - 2 * 3_600_000;
    const expired = await createApiKeyUseCase(actor, { expiresAt: new Date(twoHoursAgo + 3_600_000).toISOString() }, 'fr', new Date(twoHoursAgo));
    const live = await issueKey(adminMember!.accessToken, { expiresAt: new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000).toISOString() });
    // act
    const refused = await api('GET', '/api/v1/events', { token: expired.secret });
    const admitted = await api('GET', '/api/v1/events', { token: live.key });
    const listed = await api('GET', '/api/v1/api-keys', { token: adminMember!.accessToken });
    // assess
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(EVENTLITE_401);
    expect(admitted.status).toBe(200);
    expect(listed.body.data.find((k: { id: string }) => k.id === expired.record.id)).toBeUndefined();
    expect(listed.body.data.find((k: { id: string }) => k.id === live.id)).toMatchObject({ expiresAt: live.expiresAt });
  });

  it('lists a key until the second before its expiry, and not from that second on (injected clock)', async () => {
    // prepare
    useTestRuntimeTable();
    const [adminMember] = await arrangeOrganization({ members: 1 });
    const issued = await issueKey(adminMember!.accessToken, { expiresAt: new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000).toISOString() });
    const expiry = Date.parse(issued.expiresAt!);
    const listedAt = async (at: number) => (await listApiKeysUseCase(actorOf(adminMember!), new Date(at))).map((key) => key.id);
    // act / assess
    expect(await listedAt(expiry - 1000)).toContain(issued.id);
    expect(await listedAt(expiry)).not.toContain(issued.id);
  });

  it('a key issued by an expiring key cannot outlive it', async () => {
    const [adminMember] = await arrangeOrganization({ members: 1 });
    const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000).toISOString();
    const parent = await issueKey(adminMember!.accessToken, { expiresAt });
    const inherited = await issueKey(parent.key);
    const longer = await api('POST', '/api/v1/api-keys', { token: parent.key, body: { expiresAt: new Date(Date.now() + 7_200_000).toISOString() } });
    expect(parent.expiresAt).toBe(expiresAt);
    expect(inherited.expiresAt).toBe(expiresAt);
    expect(longer.status).toBe(400);
    expect(longer.body.details).toEqual([{ field: 'expiresAt', message: expect.any(String) }]);
  });
});

describe('API2:2023 Broken Authentication — keys of a removed member', () => {
  it('removing a member revokes their keys at once, and adding them back does not revive them', async () => {
    // prepare: an admin and a member holding two keys
    const [adminMember, leaver] = await arrangeOrganization({ members: 2 });
    const eventLiteKey = await issueKey(leaver!.accessToken);
    const fullKey = await issueKey(leaver!.accessToken, { scopes: ALL_SCOPES });
    expect((await api('GET', '/v1/users/me', ph(fullKey.key, leaver!.organizationId))).status).toBe(200);
    // act
    const removed = await api('DELETE', `/v1/members/${leaver!.userId}`, ph(adminMember!.accessToken, adminMember!.organizationId));
    // assess: refused at once, as unknown keys
    expect(removed.status).toBe(200);
    expect(await api('GET', '/api/v1/events', { token: eventLiteKey.key })).toMatchObject({ status: 401, body: EVENTLITE_401 });
    expect((await api('GET', '/v1/users/me', ph(fullKey.key, leaver!.organizationId))).status).toBe(401);
    // act again: the member comes back
    await readdMembership(leaver!);
    // assess: the old keys stay dead, new ones work
    expect((await api('GET', '/api/v1/events', { token: eventLiteKey.key })).status).toBe(401);
    expect((await api('GET', '/v1/users/me', ph(fullKey.key, leaver!.organizationId))).status).toBe(401);
    const fresh = await issueKey(leaver!.accessToken);
    expect((await api('GET', '/api/v1/events', { token: fresh.key })).status).toBe(200);
  });

  it('a key issued under an earlier membership is refused even if its hash item survived the removal', async () => {
    // prepare: a key, then the membership deleted and written again behind the API's back
    const [, member] = await arrangeOrganization({ members: 2 });
    const issued = await issueKey(member!.accessToken);
    const { client, tableName } = tableClient();
    const membershipKey = keys.membership(member!.organizationId, member!.userId);
    await client.send(new DeleteCommand({ TableName: tableName, Key: { pk: membershipKey.pk, sk: membershipKey.sk } }));
    // act
    await readdMembership(member!);
    const response = await api('GET', '/api/v1/events', { token: issued.key });
    // assess
    expect(response.status).toBe(401);
    expect(response.body).toEqual(EVENTLITE_401);
  });

  it('refuses a key with no recorded membership generation (issued before generations existed)', async () => {
    // prepare: a hash item in the old shape
    const [member] = await arrangeOrganization({ members: 1 });
    const generated = generateApiKey();
    const { client, tableName } = tableClient();
    const { membershipGeneration: _dropped, ...legacy } = ApiKeyHashEntity.toItem(
      apiKeyGrant(
        {
          id: randomUUID(),
          userId: member!.userId,
          organizationId: member!.organizationId,
          name: null,
          prefix: generated.displayPrefix,
          createdAt: new Date().toISOString(),
          revokedAt: null,
          scopes: ['eventlite:read'],
          expiresAt: null,
          membershipGeneration: 'unused',
        },
        generated.hash,
      ),
    );
    await client.send(new PutCommand({ TableName: tableName, Item: legacy }));
    // act
    const response = await api('GET', '/api/v1/events', { token: generated.secret });
    // assess
    expect(response.status).toBe(401);
  });

  it('a key issued while its owner is being removed never works (simultaneous requests, repeated)', async () => {
    for (let round = 0; round < 4; round++) {
      // prepare
      const [adminMember, leaver] = await arrangeOrganization({ members: 2 });
      // act: issue a key and remove its owner at the same time
      const [issued, removed] = await Promise.all([
        api('POST', '/api/v1/api-keys', { token: leaver!.accessToken, body: { scopes: ALL_SCOPES } }),
        api('DELETE', `/v1/members/${leaver!.userId}`, ph(adminMember!.accessToken, adminMember!.organizationId)),
      ]);
      await readdMembership(leaver!);
      // assess: whichever came first, no key of the removed membership works
      expect(removed.status).toBe(200);
      expect([201, 403]).toContain(issued.status);
      if (issued.status === 201) {
        expect((await api('GET', '/api/v1/events', { token: issued.body.data.key })).status).toBe(401);
      }
      expect((await api('GET', '/api/v1/events', { token: leaver!.apiKey })).status).toBe(401);
    }
  });
});

describe('API2:2023 Broken Authentication — tokens without exp', () => {
  it('refuses a token signed by the issuer but without exp', async () => {
    // prepare: a token signed with the development issuer's key, exp left out
    const [member] = await arrangeOrganization({ members: 1 });
    const token = forgeToken(member!, { exp: undefined });
    const control = forgeToken(member!, {});
    // act
    const refused = await api('GET', '/api/v1/events', { token });
    const accepted = await api('GET', '/api/v1/events', { token: control });
    // assess
    expect(accepted.status).toBe(200);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(EVENTLITE_401);
  });
});

/** Signs with the development issuer's private key, as jwt.test.ts does, with any claims. */
function forgeToken(member: ArrangedMember, claims: Record<string, unknown>): string {
  const b64url = (value: string) => Buffer.from(value).toString('base64url');
  const devKeyHeader = JSON.parse(Buffer.from(member.accessToken.split('.')[0]!, 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: 'https://dev-issuer.planninghub.local/',
    aud: 'https://planninghub-spectacle.fr/api',
    sub: member.userId,
    iat: now,
    exp: now + 600,
    'https://planninghub-spectacle.fr/org_id': member.organizationId,
    ...claims,
  };
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: devKeyHeader.kid }))}.${b64url(JSON.stringify(payload))}`;
  const key = createPrivateKey(readFileSync(join(inject('issuerKeyDir'), 'dev-issuer-private.pem')));
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}
