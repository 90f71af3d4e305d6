/**
 * The idempotency middleware inside the real endpoint() chain.
 *
 * Replays, 422s, the 409 of concurrent requests and tenant scoping run through the gateway over
 * DynamoDB Local (test/integration/idempotency.test.ts). The store modules are replaced by spies
 * here, only for what the gateway cannot provoke on demand: a handler that fails (5xx or thrown),
 * a store that fails after the operation succeeded, and a request arriving while another one
 * holds the key (deterministically, without racing two requests).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { endpoint } from '../../shared/http/endpoint.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import type { ApiEvent, Context } from '../../shared/http/types.ts';
import type { Claim } from '../../shared/store/idempotency.ts';

const idempotencyStore = vi.hoisted(() => ({
  claimIdempotencyKey: vi.fn(),
  completeIdempotencyKey: vi.fn(),
  releaseIdempotencyKey: vi.fn(),
}));
vi.mock('../../shared/store/idempotency.ts', () => idempotencyStore);
// Rate limiting is not under test here; it admits everything.
vi.mock('../../shared/store/rate-limits.ts', () => ({
  hitRateWindow: async () => ({ admitted: true, count: 1 }),
  getOrganizationRateLimits: async () => null,
}));

const context = { awsRequestId: 'lambda-request-id', getRemainingTimeInMillis: () => 12_000 } as unknown as Context;

function post(headers: Record<string, string> = {}, body = '{"name":"Festival"}', method = 'POST'): ApiEvent {
  return {
    version: '2.0',
    routeKey: `${method} /v1/things`,
    rawPath: '/v1/things',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'x-organization-id': 'org_1', 'idempotency-key': 'key-1', ...headers },
    requestContext: {
      requestId: `gateway-${Math.random()}`,
      http: { method, path: '/v1/things', sourceIp: '203.0.113.9' },
      // The authorizer's rate verdict rides along, as it does behind API Gateway.
      authorizer: {
        lambda: {
          principal: 'user',
          userId: 'user_1',
          organizationId: 'org_1',
          authType: 'jwt',
          member: true,
          roles: 'admin',
          rateClass: 'standard',
          rateLimit: 100,
          rateRemaining: 99,
          rateReset: 30,
        },
      },
    } as unknown as ApiEvent['requestContext'],
    body,
    isBase64Encoded: false,
  } as ApiEvent;
}

const inheritedEnvironment = {
  TABLE_NAME: process.env.TABLE_NAME,
  LOG_SILENT: process.env.LOG_SILENT,
  RATE_LIMIT_STANDARD: process.env.RATE_LIMIT_STANDARD,
  RATE_LIMIT_CRITICAL: process.env.RATE_LIMIT_CRITICAL,
};

beforeAll(() => {
  // The stores are mocked, but the middlewares only run for functions wired to a table.
  process.env.TABLE_NAME = 'unit-test-table';
  // Some assertions read the logs; a full run inherits LOG_SILENT from the integration setup.
  delete process.env.LOG_SILENT;
  // The spec's limits, whatever the shell running the tests overrides.
  delete process.env.RATE_LIMIT_STANDARD;
  delete process.env.RATE_LIMIT_CRITICAL;
});

afterAll(() => {
  for (const [name, value] of Object.entries(inheritedEnvironment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const spy of Object.values(idempotencyStore)) spy.mockReset();
});

const claimGranted = () => idempotencyStore.claimIdempotencyKey.mockResolvedValue({ claimed: true });

describe('idempotency() in the endpoint() chain', () => {
  it('does not keep a thrown failure: the claim is released so that the retry runs', async () => {
    // prepare
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    claimGranted();
    const handler = endpoint({ surface: 'planninghub' }, async () => {
      throw new Error('connection reset');
    });
    // act
    const response = await handler(post(), context);
    // assess
    expect(response.statusCode).toBe(500);
    const claim: Claim = idempotencyStore.claimIdempotencyKey.mock.calls[0]![0];
    expect(idempotencyStore.releaseIdempotencyKey).toHaveBeenCalledWith(expect.objectContaining({ token: claim.token, keyHash: claim.keyHash }));
    expect(idempotencyStore.completeIdempotencyKey).not.toHaveBeenCalled();
  });

  it('does not keep a 5xx answer either', async () => {
    // prepare
    claimGranted();
    const handler = endpoint({ surface: 'eventlite' }, async () => ({ statusCode: 503, body: { error: 'Upstream unavailable' } }));
    // act
    const response = await handler(post(), context);
    // assess
    expect(response.statusCode).toBe(503);
    expect(idempotencyStore.releaseIdempotencyKey).toHaveBeenCalledTimes(1);
    expect(idempotencyStore.completeIdempotencyKey).not.toHaveBeenCalled();
  });

  it('keeps a 4xx exactly as the client received it, without per-delivery headers', async () => {
    // prepare
    claimGranted();
    idempotencyStore.completeIdempotencyKey.mockResolvedValue(true);
    const handler = endpoint({ surface: 'planninghub' }, async () => {
      throw new DomainError('conflict', 'RESOURCE_CONFLICT', { fr: 'Conflit de ressource', en: 'Resource conflict' });
    });
    // act
    const response = await handler(post(), context);
    // assess
    expect(response.statusCode).toBe(409);
    const stored = idempotencyStore.completeIdempotencyKey.mock.calls[0]![0];
    expect(stored.response).toEqual({
      statusCode: 409,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: response.body,
      isBase64Encoded: false,
    });
    expect(response.headers?.['X-Request-Id']).toBeDefined();
    expect(response.headers?.['RateLimit-Limit']).toBe('100');
    expect(stored.expiresAt - Date.now() / 1000).toBeGreaterThan(24 * 3600 - 5);
  });

  it('still answers the client when the response cannot be stored after the operation succeeded', async () => {
    // prepare
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    claimGranted();
    idempotencyStore.completeIdempotencyKey.mockRejectedValue(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const handler = endpoint({ surface: 'planninghub' }, async () => ({ statusCode: 201, body: { id: 'thing_1' } }));
    // act
    const response = await handler(post(), context);
    // assess
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body!)).toEqual({ id: 'thing_1' });
    expect(stderr.mock.calls.map(([line]) => String(line)).join('')).toContain('idempotency record not settled');
  });

  it('answers 409 with Retry-After while another request holds the key, without running the handler', async () => {
    // prepare
    idempotencyStore.claimIdempotencyKey.mockImplementation(async (claim: Claim) => ({
      claimed: false,
      record: { status: 'IN_PROGRESS', fingerprint: claim.fingerprint },
    }));
    const run = vi.fn(async () => ({ statusCode: 201 }));
    // act
    const response = await endpoint({ surface: 'planninghub' }, run)(post(), context);
    // assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body!)).toEqual({
      error: { code: 'IDEMPOTENCY_IN_PROGRESS', message: 'Une requête avec cette clé Idempotency-Key est encore en cours de traitement' },
    });
    expect(response.headers?.['Retry-After']).toBe('1');
    expect(run).not.toHaveBeenCalled();
    expect(idempotencyStore.releaseIdempotencyKey).not.toHaveBeenCalled();
  });

  it('holds the key no longer than the invocation can run', async () => {
    // prepare
    claimGranted();
    idempotencyStore.completeIdempotencyKey.mockResolvedValue(true);
    const before = Date.now() / 1000;
    // act
    await endpoint({ surface: 'planninghub' }, async () => ({ statusCode: 201 }))(post(), context);
    // assess: the context says 12 s remain
    const claim: Claim = idempotencyStore.claimIdempotencyKey.mock.calls[0]![0];
    expect(claim.lockedUntil - before).toBeGreaterThan(12);
    expect(claim.lockedUntil - before).toBeLessThanOrEqual(14);
  });

  it('ignores the header on other methods and leaves POSTs without it alone', async () => {
    // prepare
    const handler = endpoint({ surface: 'planninghub' }, async () => ({ statusCode: 200 }));
    const withoutKey = post();
    delete withoutKey.headers['idempotency-key'];
    // act
    const patched = await handler(post({}, '{"name":"x"}', 'PATCH'), context);
    const plain = await handler(withoutKey, context);
    // assess
    expect([patched.statusCode, plain.statusCode]).toEqual([200, 200]);
    expect(idempotencyStore.claimIdempotencyKey).not.toHaveBeenCalled();
  });

  it('refuses an empty key before touching the store', async () => {
    // prepare
    const handler = endpoint({ surface: 'planninghub' }, async () => ({ statusCode: 201 }));
    // act
    const response = await handler(post({ 'idempotency-key': '' }), context);
    // assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body!).error.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(idempotencyStore.claimIdempotencyKey).not.toHaveBeenCalled();
  });
});
