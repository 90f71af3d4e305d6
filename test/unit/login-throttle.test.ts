/**
 * The login throttling policy (shared/domain/login-throttle.ts), pure: the clock is the `now`
 * argument, so an hour passes without waiting for it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exchangeWithAuth0 } from '../../shared/auth/auth0.ts';
import {
  ADDRESS_SOURCE_POLICY,
  SOURCE_POLICY,
  admittingStates,
  cappedFrom,
  delayAfter,
  nextAttemptAt,
  retryAfterSeconds,
  type FailureCount,
} from '../../shared/domain/login-throttle.ts';

const T0 = Date.UTC(2031, 2, 4, 14);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('API2:2023 Broken Authentication — login throttling policy', () => {
  it('lets three failures through for one address from one source, then doubles the wait up to 15 minutes', () => {
    // act
    const delays = [0, 1, 2, 3, 4, 5, 6, 11, 12, 13, 50, 10_000].map((failures) => delayAfter(failures, ADDRESS_SOURCE_POLICY));
    // assess
    expect(delays).toEqual([0, 0, 0, 2 * SECOND, 4 * SECOND, 8 * SECOND, 16 * SECOND, 512 * SECOND, 15 * MINUTE, 15 * MINUTE, 15 * MINUTE, 15 * MINUTE]);
    expect(cappedFrom(ADDRESS_SOURCE_POLICY)).toBe(12);
  });

  it('lets twenty failures through from one source over all addresses, then doubles the wait up to 15 minutes', () => {
    expect([19, 20, 21, 28, 29].map((failures) => delayAfter(failures, SOURCE_POLICY))).toEqual([0, 2 * SECOND, 4 * SECOND, 512 * SECOND, 15 * MINUTE]);
  });

  it('makes the next attempt wait from the last one, and admits it once the wait is over', () => {
    // prepare
    const count: FailureCount = { failures: 4, lastAttemptAt: T0 };
    // act + assess: 4 failures wait 4 s
    expect(nextAttemptAt(count, ADDRESS_SOURCE_POLICY, T0)).toBe(T0 + 4 * SECOND);
    expect(nextAttemptAt(count, ADDRESS_SOURCE_POLICY, T0 + 3999)).toBe(T0 + 4 * SECOND);
    expect(nextAttemptAt(count, ADDRESS_SOURCE_POLICY, T0 + 4 * SECOND)).toBeNull();
    expect(retryAfterSeconds(T0 + 4 * SECOND, T0 + 1)).toBe(4);
    expect(retryAfterSeconds(T0 + 4 * SECOND, T0 + 3999)).toBe(1);
  });

  it('admits a free attempt even when a simultaneous failure was recorded after it arrived', () => {
    // prepare: two failures, the last one known 3 s after this attempt arrived (a slow password check)
    const count: FailureCount = { failures: 2, lastAttemptAt: T0 + 3 * SECOND };
    // act + assess: the third attempt is still free
    expect(nextAttemptAt(count, ADDRESS_SOURCE_POLICY, T0)).toBeNull();
  });

  it('admits without waiting below the free allowance, with no counter, and once a counter is an hour old', () => {
    expect(nextAttemptAt(null, ADDRESS_SOURCE_POLICY, T0)).toBeNull();
    expect(nextAttemptAt({ failures: 2, lastAttemptAt: T0 }, ADDRESS_SOURCE_POLICY, T0)).toBeNull();
    const capped: FailureCount = { failures: 40, lastAttemptAt: T0 };
    expect(nextAttemptAt(capped, ADDRESS_SOURCE_POLICY, T0 + 14 * MINUTE)).toBe(T0 + 15 * MINUTE);
    expect(nextAttemptAt(capped, ADDRESS_SOURCE_POLICY, T0 + 60 * MINUTE)).toBeNull();
  });

  it('spells, for the store, exactly the states that nextAttemptAt admits', () => {
    // prepare
    const now = T0 + 10 * MINUTE;
    const { below, steps } = admittingStates(ADDRESS_SOURCE_POLICY, now);
    const admitsByCondition = (count: FailureCount) =>
      count.failures < below ||
      steps.some((step) => (step.orMore ? count.failures >= step.failures : count.failures === step.failures) && count.lastAttemptAt <= step.lastAttemptAtMost);
    // act + assess: every count and age around the steps agree
    for (let failures = 0; failures <= 20; failures++) {
      for (const ageMs of [0, 1, 1999, 2000, 3999, 4000, 511_999, 512_000, 899_999, 900_000, 1_000_000]) {
        const count = { failures, lastAttemptAt: now - ageMs };
        expect([failures, ageMs, admitsByCondition(count)]).toEqual([failures, ageMs, nextAttemptAt(count, ADDRESS_SOURCE_POLICY, now) === null]);
      }
    }
  });
});

describe('API2:2023 Broken Authentication — Auth0 sees the caller, not the function', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("forwards the caller's address to Auth0 so its brute-force protection blocks the source, not the account", async () => {
    // prepare: Auth0 cannot be reached from here, so fetch is stubbed to see the request
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 403 }));
    vi.stubGlobal('fetch', fetchMock);
    const config = { domain: 'sonopro.eu.auth0.com', clientId: 'client-1', clientSecret: 'secret-1', audience: 'https://planninghub-spectacle.fr/api', realm: 'Username-Password-Authentication' };
    // act
    await exchangeWithAuth0(config, 'jmichel@sonopro.fr', 'guess', '203.0.113.7');
    // assess
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>)['auth0-forwarded-for']).toBe('203.0.113.7');
  });
});
