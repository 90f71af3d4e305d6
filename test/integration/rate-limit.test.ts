/**
 * Rate limits through the local gateway, over DynamoDB Local.
 *
 * The demo callers of support.ts are shared by every integration file, which run in parallel:
 * exhausting their limit here would make the other files flaky. Each test therefore arranges its
 * own organisation and users directly in the table (the organisation item, memberships and API-key
 * hash items, in the shapes the identity repository writes), with a small `rateLimits` plan where
 * it needs one, and hammers only with those.
 */
import { describe, expect, it, inject } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { api, arrangeOrganization, tableClient, type ApiResponse } from './support.ts';
import * as keys from '../../shared/store/keys.ts';

/**
 * The window is a calendar minute of the gateway's clock, which is this machine's clock too. Rather
 * than sleeping until a fresh minute, a burst is run and kept only if it started and ended in the
 * same minute, which brackets every count the gateway made; one that straddled two windows is run
 * again with a fresh organisation (it then starts at the beginning of a minute, so a second
 * straddle would take a burst of a whole minute).
 */
async function inOneWindow<T>(prepareAndAct: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const windowAtStart = Math.floor(Date.now() / 60_000);
    const outcome = await prepareAndAct();
    if (Math.floor(Date.now() / 60_000) === windowAtStart || attempt === 3) return outcome;
  }
}

const rateHeaders = (response: ApiResponse) => ({
  limit: response.headers.get('ratelimit-limit'),
  remaining: response.headers.get('ratelimit-remaining'),
  reset: Number(response.headers.get('ratelimit-reset')),
});

describe('rate limits', () => {
  it('refuses the 101st request of a minute from one caller with a 429 and its headers; another caller is unaffected', async () => {
    const { admitted, refused, other } = await inOneWindow(async () => {
      // prepare: the spec's limits, as a plan, so that the test holds whatever the test runtime's
      // environment sets for everyone else
      const [caller, neighbour] = await arrangeOrganization({ rateLimits: { standard: 100, critical: 20 }, members: 2 });
      // act
      const admitted: ApiResponse[] = [];
      for (let i = 0; i < 100; i++) admitted.push(await api('GET', '/api/v1/events', { token: caller!.apiKey }));
      const refused = await api('GET', '/api/v1/events', { token: caller!.apiKey });
      const other = await api('GET', '/api/v1/events', { token: neighbour!.apiKey });
      return { admitted, refused, other };
    });
    // assess
    expect(admitted.map((response) => response.status)).toEqual(Array(100).fill(200));
    expect(rateHeaders(admitted[0]!)).toMatchObject({ limit: '100', remaining: '99' });
    expect(rateHeaders(admitted[99]!)).toMatchObject({ limit: '100', remaining: '0' });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'Too Many Requests - Rate limit exceeded' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(rateHeaders(refused)).toEqual({ limit: '100', remaining: '0', reset: retryAfter });
    expect(refused.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(other.status).toBe(200);
    expect(rateHeaders(other)).toMatchObject({ limit: '100', remaining: '99' });
  }, 120_000);

  it("applies the organisation's own plan, per user, and counts malformed bodies before parsing them", async () => {
    const { malformed, valid, colleagueResponse } = await inOneWindow(async () => {
      // prepare
      const [flooder, colleague] = await arrangeOrganization({ rateLimits: { standard: 5, critical: 2 }, members: 2 });
      // act: five bodies that are not even JSON, then a valid request
      const malformed: ApiResponse[] = [];
      for (let i = 0; i < 5; i++) {
        malformed.push(await api('POST', '/api/v1/events', { token: flooder!.apiKey, rawBody: '{"title":', headers: { 'content-type': 'application/json' } }));
      }
      const valid = await api('POST', '/api/v1/events', { token: flooder!.apiKey, body: { title: 'Never created', mode: 'ONLINE', startAt: '2030-01-01T10:00:00Z' } });
      const colleagueResponse = await api('GET', '/api/v1/events', { token: colleague!.apiKey });
      return { malformed, valid, colleagueResponse };
    });
    // assess
    expect(malformed.map((response) => response.status)).toEqual([400, 400, 400, 400, 400]);
    expect(malformed.map((response) => response.headers.get('ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
    expect(valid.status).toBe(429);
    expect(colleagueResponse.status).toBe(200);
    expect(rateHeaders(colleagueResponse)).toMatchObject({ limit: '5', remaining: '4' });
  });

  it('answers in the PlanningHub envelope with the spec code and Retry-After', async () => {
    const { first, refused } = await inOneWindow(async () => {
      // prepare
      const [member] = await arrangeOrganization({ rateLimits: { standard: 2, critical: 2 }, members: 1 });
      const headers = { 'x-organization-id': member!.organizationId };
      // act
      const first = await api('GET', '/v1/members', { token: member!.accessToken, headers });
      await api('GET', '/v1/members', { token: member!.accessToken, headers });
      const refused = await api('GET', '/v1/members', { token: member!.accessToken, headers: { ...headers, 'accept-language': 'en' } });
      return { first, refused };
    });
    // assess
    expect(first.status).toBe(200);
    expect(rateHeaders(first)).toMatchObject({ limit: '2', remaining: '1' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(refused.body.error.message).toBe('Too many requests: limit of 2 requests per minute reached');
    expect(refused.body.error.details).toMatchObject({ rate_class: 'standard', limit: 2, window_seconds: 60 });
    expect(Number(refused.headers.get('retry-after'))).toBe(refused.body.error.details.retry_after);
  });

  it('keeps the counters in the table with a TTL, never in memory', async () => {
    const { member, windowStart } = await inOneWindow(async () => {
      // prepare
      const [member] = await arrangeOrganization({ rateLimits: { standard: 100, critical: 20 }, members: 1 });
      // act
      await api('GET', '/api/v1/events', { token: member!.apiKey });
      await api('GET', '/api/v1/events', { token: member!.apiKey });
      const nowSeconds = Math.floor(Date.now() / 1000);
      return { member: member!, windowStart: nowSeconds - (nowSeconds % 60) };
    });
    // assess
    const { client, tableName } = tableClient();
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: keys.rateWindow({ organizationId: member.organizationId, userId: member.userId }, 'standard', windowStart) }),
    );
    expect(Item?.count).toBe(2);
    expect(Item?.expiresAt).toBe(windowStart + 120);
  });
});
