/**
 * The authorizer's reads in order of dependence: the membership read and the rate count do not
 * depend on each other, so they go out together (one round trip, not two). The repositories are
 * replaced by deferred fakes here to observe the order of calls: no emulator can show that.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
let releaseMembership: (value: unknown) => void = () => {};

vi.mock('../../shared/store/identity.ts', () => ({
  findApiKeyByHash: vi.fn(async () => {
    calls.push('key');
    return { keyId: 'k1', userId: 'user_1', organizationId: 'org_1', scopes: ['eventlite:read'], membershipGeneration: '2026-01-01T00:00:00.000Z' };
  }),
  getMembership: vi.fn(() => {
    calls.push('membership');
    return new Promise((resolve) => (releaseMembership = resolve));
  }),
  membershipGeneration: (membership: { createdAt: string }) => membership.createdAt,
}));

vi.mock('../../shared/http/rate-limit.ts', () => ({
  countRequest: vi.fn(async () => {
    calls.push('count');
    return { rateClass: 'standard', admitted: true, windowSeconds: 60, state: { limit: 100, remaining: 99, resetSeconds: 30 } };
  }),
}));

const { handler } = await import('../../functions/auth/authorizer.ts');

const request = () =>
  ({
    routeKey: 'GET /api/v1/events',
    rawPath: '/api/v1/events',
    headers: { authorization: `Bearer elk_${'a'.repeat(43)}` },
    requestContext: { http: { method: 'GET' } },
  }) as never;

afterEach(() => {
  calls.length = 0;
});

describe('authorizer: independent reads in one round trip', () => {
  it('counts the request while the membership read is still under way', async () => {
    // prepare
    const pending = handler(request());
    await vi.waitFor(() => expect(calls).toContain('membership'));
    // act: the membership has not answered yet
    const before = [...calls];
    releaseMembership({ organizationId: 'org_1', userId: 'user_1', roles: ['admin'], createdAt: '2026-01-01T00:00:00.000Z' });
    const result = (await pending) as { context: Record<string, unknown> };
    // assess
    expect(before).toEqual(['key', 'membership', 'count']);
    expect(result.context.member).toBe(true);
    expect(result.context.rateRemaining).toBe(99);
  });

  it('drops the count of a caller who is not a member', async () => {
    // prepare
    const pending = handler(request());
    await vi.waitFor(() => expect(calls).toContain('count'));
    // act
    releaseMembership(null);
    const result = (await pending) as { context: Record<string, unknown> };
    // assess
    expect(result.context.member).toBe(false);
    expect(result.context.rateClass).toBeUndefined();
  });
});
