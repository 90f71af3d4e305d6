/**
 * Idempotency-Key through the local gateway, over DynamoDB Local.
 *
 * Each test arranges its own organisations and users directly in the table (organisation item,
 * memberships, API-key hash items) so that the events it creates and the requests it spends
 * touch none of the demo callers the other integration files share.
 */
import { describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { api, arrangeOrganization, tableClient, type ArrangedMember as Member } from './support.ts';
import { useTestRuntimeTable } from './in-process.ts';
import * as keys from '../../shared/store/keys.ts';
import { claimIdempotencyKey } from '../../shared/store/idempotency.ts';

// The spec's limits as the organisation's plan: the replay test reads RateLimit-Remaining.
const arrangeIdempotencyOrganization = (members: number) => arrangeOrganization({ members, rateLimits: { standard: 100, critical: 20 } });

const newKey = () => `test-${randomUUID()}`;
const eventBody = (title: string) => ({ title, mode: 'ONLINE', startAt: '2030-03-01T18:00:00Z' });

async function eventsTitled(member: Member, title: string) {
  const listed = await api('GET', '/api/v1/events?limit=100', { token: member.apiKey });
  return (listed.body.data as { title: string }[]).filter((event) => event.title === title);
}

describe('Idempotency-Key on POST', () => {
  it('replays the first response for the same key and body, and runs the operation once', async () => {
    // prepare
    const [member] = await arrangeIdempotencyOrganization(1);
    const key = newKey();
    const title = `Idempotent ${randomUUID().slice(0, 8)}`;
    // act
    const first = await api('POST', '/api/v1/events', { token: member!.apiKey, body: eventBody(title), headers: { 'idempotency-key': key } });
    // same JSON, keys in another order: the same request
    const retry = await api('POST', '/api/v1/events', {
      token: member!.apiKey,
      rawBody: JSON.stringify({ startAt: '2030-03-01T18:00:00Z', mode: 'ONLINE', title }),
      headers: { 'idempotency-key': key, 'content-type': 'application/json' },
    });
    // assess
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(retry.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(retry.headers.get('ratelimit-remaining')).toBe('98');
    expect(await eventsTitled(member!, title)).toHaveLength(1);
  });

  it('keeps the record 24 h under the caller\'s organisation, with a TTL', async () => {
    // prepare
    const [member] = await arrangeIdempotencyOrganization(1);
    const key = newKey();
    // act
    const response = await api('POST', '/api/v1/events', { token: member!.apiKey, body: eventBody('Stored'), headers: { 'idempotency-key': key } });
    // assess
    expect(response.status).toBe(201);
    const { client, tableName } = tableClient();
    const keyHash = createHash('sha256').update(key).digest('hex');
    const recordKey = keys.idempotencyRecord({ organizationId: member!.organizationId, userId: member!.userId }, 'POST /api/v1/events', keyHash);
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: recordKey }));
    expect(recordKey.pk.startsWith(`ORG#${member!.organizationId}#`)).toBe(true);
    expect(Item?.status).toBe('COMPLETED');
    expect(Item?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 24 * 3600 - 60);
    expect(Item?.expiresAt).toBeLessThanOrEqual(Date.now() / 1000 + 24 * 3600 + 1);
    expect(JSON.parse(Item?.response.body)).toEqual(response.body);
  });

  it('refuses the same key with another body (422) and leaves the first result alone', async () => {
    // prepare
    const [member] = await arrangeIdempotencyOrganization(1);
    const key = newKey();
    const title = `First ${randomUUID().slice(0, 8)}`;
    await api('POST', '/api/v1/events', { token: member!.apiKey, body: eventBody(title), headers: { 'idempotency-key': key } });
    // act
    const reused = await api('POST', '/api/v1/events', { token: member!.apiKey, body: eventBody(`${title} bis`), headers: { 'idempotency-key': key, 'accept-language': 'en' } });
    // assess
    expect(reused.status).toBe(422);
    expect(reused.body).toEqual({ error: 'This Idempotency-Key was already used for a different request' });
    expect(await eventsTitled(member!, `${title} bis`)).toHaveLength(0);
  });

  it('lets exactly one of several simultaneous identical requests run', async () => {
    // prepare
    const [member] = await arrangeIdempotencyOrganization(1);
    const key = newKey();
    const title = `Concurrent ${randomUUID().slice(0, 8)}`;
    // act
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api('POST', '/api/v1/events', { token: member!.apiKey, body: eventBody(title), headers: { 'idempotency-key': key } })),
    );
    // assess: the others either arrived while it ran (409) or after (replay); which depends on timing
    const executed = responses.filter((response) => response.status === 201 && response.headers.get('idempotent-replayed') === null);
    const inProgress = responses.filter((response) => response.status === 409);
    const replayed = responses.filter((response) => response.headers.get('idempotent-replayed') === 'true');
    expect(executed).toHaveLength(1);
    expect(executed.length + inProgress.length + replayed.length).toBe(6);
    for (const response of inProgress) expect(response.body.error).toBe('Une requête avec cette clé Idempotency-Key est encore en cours de traitement');
    for (const response of replayed) expect(response.body).toEqual(executed[0]!.body);
    expect(await eventsTitled(member!, title)).toHaveLength(1);
  });

  it('answers 409 while the first request is in flight, and frees the key once an abandoned claim expires', async () => {
    // prepare: a first request gives the request's fingerprint; the same request is then claimed
    // under two more keys in this process, through the store with its clock: by an invocation still
    // running, and by one that claimed a minute ago and crashed (its lock has lapsed). The race above
    // cannot guarantee to catch the in-flight moment.
    useTestRuntimeTable();
    const [member] = await arrangeIdempotencyOrganization(1);
    const title = `In flight ${randomUUID().slice(0, 8)}`;
    const firstKey = newKey();
    await api('POST', '/api/v1/events', { token: member!.apiKey, body: eventBody(title), headers: { 'idempotency-key': firstKey } });
    const caller = { organizationId: member!.organizationId, userId: member!.userId };
    const routeKey = 'POST /api/v1/events';
    const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');
    const { client, tableName } = tableClient();
    const fingerprint = (await client.send(new GetCommand({ TableName: tableName, Key: keys.idempotencyRecord(caller, routeKey, hashOf(firstKey)), ConsistentRead: true }))).Item!.fingerprint as string;
    const [running, crashed] = [newKey(), newKey()];
    const now = Date.now();
    const claimAt = (key: string, at: number) =>
      claimIdempotencyKey({ caller, routeKey, keyHash: hashOf(key), fingerprint, token: randomUUID(), now: new Date(at), lockedUntil: Math.ceil((at + 30_000) / 1000) + 1 });
    expect(await claimAt(running, now)).toEqual({ claimed: true });
    expect(await claimAt(crashed, now - 60_000)).toEqual({ claimed: true });
    // act
    const whileRunning = await api('POST', '/api/v1/events', { token: member!.apiKey, body: eventBody(title), headers: { 'idempotency-key': running } });
    const afterCrash = await api('POST', '/api/v1/events', { token: member!.apiKey, body: eventBody(title), headers: { 'idempotency-key': crashed } });
    // assess
    expect(whileRunning.status).toBe(409);
    expect(whileRunning.body).toEqual({ error: 'Une requête avec cette clé Idempotency-Key est encore en cours de traitement' });
    expect(whileRunning.headers.get('retry-after')).toBe('1');
    expect(afterCrash.status).toBe(201);
    expect(afterCrash.headers.get('idempotent-replayed')).toBeNull();
    expect(await eventsTitled(member!, title)).toHaveLength(2);
  });

  it('replays a 4xx answer too: the same bad request gets the same answer', async () => {
    // prepare
    const [member] = await arrangeIdempotencyOrganization(1);
    const key = newKey();
    const invalid = { mode: 'ONLINE', startAt: '2030-03-01T18:00:00Z' };
    // act
    const first = await api('POST', '/api/v1/events', { token: member!.apiKey, body: invalid, headers: { 'idempotency-key': key } });
    const retry = await api('POST', '/api/v1/events', { token: member!.apiKey, body: invalid, headers: { 'idempotency-key': key } });
    // assess
    expect(first.status).toBe(400);
    expect(retry.status).toBe(400);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('scopes keys per organisation and per caller: nobody else gets your response', async () => {
    // prepare
    const [alice, bob] = await arrangeIdempotencyOrganization(2);
    const [carol] = await arrangeIdempotencyOrganization(1);
    const key = newKey();
    const body = eventBody(`Shared key ${randomUUID().slice(0, 8)}`);
    // act
    const responses = [];
    for (const member of [alice!, bob!, carol!]) responses.push(await api('POST', '/api/v1/events', { token: member.apiKey, body, headers: { 'idempotency-key': key } }));
    // assess
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(responses.map((response) => response.headers.get('idempotent-replayed'))).toEqual([null, null, null]);
    expect(new Set(responses.map((response) => response.body.data.id)).size).toBe(3);
  });

  it.each([
    ['longer than 255 characters', 'k'.repeat(256)],
    ['holding a control character', 'a\tb'],
    ['holding a non-ASCII character', 'clé'],
  ])('refuses a key %s with a 400', async (_name, key) => {
    // prepare
    const [member] = await arrangeIdempotencyOrganization(1);
    const title = `Bad key ${randomUUID().slice(0, 8)}`;
    // act
    const response = await api('POST', '/api/v1/events', { token: member!.apiKey, body: eventBody(title), headers: { 'idempotency-key': key } });
    // assess
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'Idempotency-Key', message: '1-255 printable ASCII characters' }]);
    expect(await eventsTitled(member!, title)).toHaveLength(0);
  });

  it('uses the PlanningHub envelope and replays its headers (Location)', async () => {
    // prepare
    const [member] = await arrangeIdempotencyOrganization(1);
    const key = newKey();
    const headers = { 'idempotency-key': key, 'x-organization-id': member!.organizationId };
    const body = { name: `Festival ${randomUUID().slice(0, 8)}`, start_date: '2030-07-15', end_date: '2030-07-22' };
    // act
    const first = await api('POST', '/v1/events', { token: member!.accessToken, body, headers });
    const retry = await api('POST', '/v1/events', { token: member!.accessToken, body, headers });
    const reused = await api('POST', '/v1/events', { token: member!.accessToken, body: { ...body, end_date: '2030-07-23' }, headers });
    // assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('never stores a response that carries a secret (a new API key): the retry runs again', async () => {
    // prepare
    const [member] = await arrangeIdempotencyOrganization(1);
    const key = newKey();
    // act
    const first = await api('POST', '/api/v1/api-keys', { token: member!.apiKey, body: { name: 'ci' }, headers: { 'idempotency-key': key } });
    const retry = await api('POST', '/api/v1/api-keys', { token: member!.apiKey, body: { name: 'ci' }, headers: { 'idempotency-key': key } });
    // assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.body.data.key).not.toBe(first.body.data.key);
  });
});
