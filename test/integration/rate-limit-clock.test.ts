/**
 * Rate-limit windows with an injected clock: the counting step (`countRequest`, the authorizer's)
 * in this process over the real store (shared/store/rate-limits.ts) and the test runtime's
 * DynamoDB Local, at chosen instants of a window and of the next one. The HTTP tests
 * (rate-limit.test.ts) cannot set the gateway's clock; here the rollover, the limit and the
 * Retry-After figure are checked at exact instants, without sleeping until a fresh minute.
 */
import { describe, expect, it } from 'vitest';
import { arrangeOrganization } from './support.ts';
import { useTestRuntimeTable } from './in-process.ts';
import { countRequest, type RateVerdict } from '../../shared/http/rate-limit.ts';

const log = { error: () => undefined };

async function arrangeCaller(limits: { standard: number; critical: number }) {
  useTestRuntimeTable();
  const [member] = await arrangeOrganization({ members: 1, rateLimits: limits });
  // A minute of the caller's own: every test starts at a window boundary it chooses (an exact minute of the epoch).
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const caller = { organizationId: member!.organizationId, userId: member!.userId };
  const at = (routeKey: string, now: number) => {
    const [method, path] = routeKey.split(' ') as [string, string];
    return countRequest({ routeKey, method, path, caller, log, now: () => now });
  };
  return { minute, at };
}

const summary = (verdict: RateVerdict | null) => verdict && { admitted: verdict.admitted, remaining: verdict.state.remaining, retryAfter: verdict.state.resetSeconds };

describe('rate-limit windows with an injected clock', () => {
  it('admits the limit within a window, refuses the next with the seconds left to the window, and starts afresh at the next minute', async () => {
    // prepare: 3 standard requests a minute
    const { minute, at } = await arrangeCaller({ standard: 3, critical: 1 });
    const events = (offsetMs: number) => at('GET /api/v1/events', minute + offsetMs);
    // act
    const admitted = [await events(0), await events(10_000), await events(40_000)];
    const fourth = await events(40_500);
    const lastMillisecond = await events(59_999);
    const nextWindow = await events(60_000);
    const nextWindowLater = await events(61_000);
    // assess
    expect(admitted.map(summary)).toEqual([
      { admitted: true, remaining: 2, retryAfter: 60 },
      { admitted: true, remaining: 1, retryAfter: 50 },
      { admitted: true, remaining: 0, retryAfter: 20 },
    ]);
    // Retry-After counts whole seconds to the window's end, never 0.
    expect(summary(fourth)).toEqual({ admitted: false, remaining: 0, retryAfter: 20 });
    expect(summary(lastMillisecond)).toEqual({ admitted: false, remaining: 0, retryAfter: 1 });
    expect(summary(nextWindow)).toEqual({ admitted: true, remaining: 2, retryAfter: 60 });
    expect(summary(nextWindowLater)).toEqual({ admitted: true, remaining: 1, retryAfter: 59 });
  });

  it('counts each rate class in a window of its own', async () => {
    // prepare: 1 critical request a minute, 2 standard
    const { minute, at } = await arrangeCaller({ standard: 2, critical: 1 });
    // act
    const critical = [await at('GET /v1/shifts', minute + 5_000), await at('GET /v1/shifts', minute + 6_000)];
    const standard = await at('GET /api/v1/events', minute + 7_000);
    const criticalNextMinute = await at('GET /v1/shifts', minute + 65_000);
    // assess
    expect(critical.map((verdict) => [verdict?.rateClass, verdict?.admitted, verdict?.state.limit])).toEqual([
      ['critical', true, 1],
      ['critical', false, 1],
    ]);
    expect(critical[1]?.state.resetSeconds).toBe(54);
    expect([standard?.rateClass, standard?.admitted, standard?.state.remaining]).toEqual(['standard', true, 1]);
    expect([criticalNextMinute?.admitted, criticalNextMinute?.state.resetSeconds]).toEqual([true, 55]);
  });
});
