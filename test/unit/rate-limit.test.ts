/**
 * Rate classes, and the rate-limit middleware inside the real endpoint() chain.
 *
 * The counting itself (DynamoDB conditional updates, limits per caller, 429 through the gateway)
 * is covered by test/integration/rate-limit.test.ts over DynamoDB Local. Here the store module is
 * replaced by spies, only for what DynamoDB Local cannot produce or a test cannot wait for:
 * throttling and permission failures of the store, and the one-minute cache of an
 * organisation's limits (fake clock).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { endpoint } from '../../shared/http/endpoint.ts';
import { rateClassOf } from '../../shared/http/route-policies.ts';
import { countRequest } from '../../shared/http/rate-limit.ts';
import { routes } from '../../lib/manifest.ts';
import type { ApiEvent, Context } from '../../shared/http/types.ts';

const store = vi.hoisted(() => ({
  hitRateWindow: vi.fn(),
  getOrganizationRateLimits: vi.fn(),
}));
vi.mock('../../shared/store/rate-limits.ts', () => store);

const context = { awsRequestId: 'lambda-request-id', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

function event(routeKey: string, options: { organizationId?: string; anonymous?: boolean; body?: string } = {}): ApiEvent {
  const [method, path] = routeKey.split(' ') as [string, string];
  const organizationId = options.organizationId ?? 'org_1';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'x-organization-id': organizationId },
    requestContext: {
      requestId: 'gateway-request-id',
      http: { method, path, sourceIp: '203.0.113.9' },
      authorizer: {
        lambda: options.anonymous
          ? { principal: 'anonymous', reason: 'missing credentials' }
          : { principal: 'user', userId: 'user_1', organizationId, authType: 'jwt', member: true, roles: 'admin' },
      },
    } as unknown as ApiEvent['requestContext'],
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: false,
  } as ApiEvent;
}

const ok = endpoint({ surface: 'planninghub' }, async () => ({ statusCode: 200, body: { ok: true } }));

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
  vi.useRealTimers();
  store.hitRateWindow.mockReset();
  store.getOrganizationRateLimits.mockReset();
  delete process.env.RATE_LIMIT_STANDARD;
  delete process.env.RATE_LIMIT_CRITICAL;
});

describe('rateClassOf()', () => {
  it.each([
    ['POST', '/v1/shifts', 'critical'],
    ['GET', '/v1/shifts/{shift_id}', 'critical'],
    ['POST', '/v1/shifts/shift_789/checkin', 'critical'],
    ['POST', '/v1/equipment/book', 'critical'],
    ['GET', '/v1/equipment/availability?start_time=2024-02-15T00:00:00', 'critical'],
    ['GET', '/v1/equipment', 'standard'],
    ['GET', '/v1/shiftsummary', 'standard'],
    ['POST', '/v1/auth/login', 'standard'],
    ['GET', '/api/v1/events/{id}', 'standard'],
    ['POST', '/api/v1/images/events/u/f.png', 'standard'],
    ['GET', '/api/v1/images/events/{userId}/{file}', 'none'],
    ['GET', '/health', 'none'],
    ['GET', '/api/v1/openapi', 'none'],
  ])('%s %s is %s', (method, path, expected) => {
    expect(rateClassOf(method, path)).toBe(expected);
  });

  it('answers the class each manifest route declares', () => {
    for (const route of routes.filter((route) => route.path !== '$default')) expect(rateClassOf(route.method, route.path), route.id).toBe(route.rateClass);
    expect(routes.filter((route) => route.rateClass === 'none').map((route) => route.id).sort()).toEqual(['GetCalendarFeed', 'GetImage', 'GetOpenApi', 'GetPlanningHubOpenApi', 'Health', 'NotFound']);
  });
});

/** What the authorizer does for an authenticated request: count it, and hand the verdict on. */
function countFor(routeKey: string, organizationId: string, log = { error: vi.fn() }) {
  const [method, path] = routeKey.split(' ') as [string, string];
  return countRequest({ routeKey, method, path, caller: { organizationId, userId: 'user_1' }, log });
}

describe('countRequest() (run by the authorizer for authenticated callers)', () => {
  it('counts per organisation and user with the critical limit on critical routes', async () => {
    // prepare
    store.getOrganizationRateLimits.mockResolvedValue(null);
    store.hitRateWindow.mockResolvedValue({ admitted: true, count: 3 });
    // act
    const verdict = await countFor('PATCH /v1/shifts/{id}', 'org_critical');
    // assess
    const hit = store.hitRateWindow.mock.calls[0]![0];
    expect(hit).toMatchObject({ caller: { organizationId: 'org_critical', userId: 'user_1' }, rateClass: 'critical', limit: 20, windowSeconds: 60 });
    expect(hit.windowStart % 60).toBe(0);
    expect(verdict).toMatchObject({ rateClass: 'critical', admitted: true, state: { limit: 20, remaining: 17 } });
  });

  it("prefers the organisation's plan to the environment, and the environment to the spec", async () => {
    // prepare
    process.env.RATE_LIMIT_STANDARD = '250';
    process.env.RATE_LIMIT_CRITICAL = '40';
    store.getOrganizationRateLimits.mockImplementation(async (organizationId: string) => (organizationId === 'org_plan' ? { critical: 500 } : null));
    store.hitRateWindow.mockResolvedValue({ admitted: true, count: 1 });
    // act
    await countFor('GET /v1/shifts', 'org_plan');
    await countFor('GET /v1/members', 'org_plan');
    await countFor('GET /v1/shifts', 'org_no_plan');
    // assess
    expect(store.hitRateWindow.mock.calls.map(([hit]) => hit.limit)).toEqual([500, 250, 40]);
  });

  it("re-reads an organisation's limits after at most a minute, not on every request", async () => {
    // prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T10:00:00Z'));
    store.getOrganizationRateLimits.mockResolvedValueOnce({ standard: 7 }).mockResolvedValueOnce({ standard: 9 });
    store.hitRateWindow.mockResolvedValue({ admitted: true, count: 1 });
    // act
    await countFor('GET /v1/members', 'org_cached');
    vi.setSystemTime(new Date('2030-01-01T10:00:59Z'));
    await countFor('GET /v1/members', 'org_cached');
    vi.setSystemTime(new Date('2030-01-01T10:01:01Z'));
    await countFor('GET /v1/members', 'org_cached');
    // assess
    expect(store.getOrganizationRateLimits).toHaveBeenCalledTimes(2);
    expect(store.hitRateWindow.mock.calls.map(([hit]) => hit.limit)).toEqual([7, 7, 9]);
  });

  it('admits the request when the limiter store is throttled, and says so in the logs', async () => {
    // prepare: DynamoDB Local never throttles
    store.getOrganizationRateLimits.mockResolvedValue(null);
    store.hitRateWindow.mockRejectedValue(Object.assign(new Error('Rate of requests exceeds the allowed throughput'), { name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } }));
    const log = { error: vi.fn() };
    // act
    const verdict = await countFor('GET /v1/members', 'org_throttled', log);
    // assess
    expect(verdict).toBeNull();
    expect(log.error).toHaveBeenCalledWith('rate limiter unavailable, request admitted', expect.anything());
  });

  it('fails closed on a misconfiguration of the store (missing permission)', async () => {
    // prepare: DynamoDB Local has no IAM
    store.getOrganizationRateLimits.mockResolvedValue(null);
    store.hitRateWindow.mockRejectedValue(Object.assign(new Error('not authorized to perform: dynamodb:UpdateItem'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    // act / assess
    await expect(countFor('GET /v1/members', 'org_denied')).rejects.toThrow('not authorized');
  });
});

describe('rateLimit() in the endpoint() chain', () => {
  it("applies the authorizer's verdict without counting again: headers, then 429 with Retry-After once the window is full", async () => {
    // prepare
    const counted = event('GET /v1/members');
    Object.assign(counted.requestContext.authorizer!.lambda, { rateClass: 'standard', rateLimit: 100, rateRemaining: 42, rateReset: 17 });
    const exceeded = event('GET /v1/members');
    Object.assign(exceeded.requestContext.authorizer!.lambda, { rateClass: 'standard', rateLimit: 100, rateRemaining: 0, rateReset: 9, rateExceeded: true });
    // act
    const admitted = await ok(counted, context);
    const refused = await ok(exceeded, context);
    // assess
    expect(store.hitRateWindow).not.toHaveBeenCalled();
    expect(admitted.statusCode).toBe(200);
    expect(admitted.headers).toMatchObject({ 'RateLimit-Limit': '100', 'RateLimit-Remaining': '42', 'RateLimit-Reset': '17' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({ 'Retry-After': '9', 'RateLimit-Remaining': '0' });
    expect(JSON.parse(refused.body!).error.code).toBe('RATE_LIMIT_EXCEEDED');
  });

  it('counts anonymous callers by source address', async () => {
    // prepare
    const anonymousEndpoint = endpoint({ surface: 'planninghub', auth: false }, async () => ({ statusCode: 200 }));
    store.hitRateWindow.mockResolvedValue({ admitted: true, count: 1 });
    // act
    await anonymousEndpoint(event('POST /v1/auth/login', { anonymous: true }), context);
    // assess
    expect(store.getOrganizationRateLimits).not.toHaveBeenCalled();
    expect(store.hitRateWindow.mock.calls[0]![0]).toMatchObject({ caller: { sourceIp: '203.0.113.9' }, rateClass: 'standard', limit: 100 });
  });
});
