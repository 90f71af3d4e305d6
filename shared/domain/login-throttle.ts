/**
 * Login throttling policy (pure): how long a source must wait before its next login attempt,
 * given the failures counted against it. The store applies it atomically; see docs/rate-limits.md.
 *
 * Two counters throttle the attacker, never the account: one per (address, source IP), one per
 * source IP across all addresses (password spraying). No counter is kept per address alone, so
 * failures from one source never delay another source's login.
 */

export interface ThrottlePolicy {
  /** Failures allowed without any delay. */
  freeFailures: number;
  /** The longest wait between two attempts, however many failures. */
  capMs: number;
  /** A counter is forgotten this long after its last attempt. */
  forgetAfterMs: number;
  /** The unit of the doubling delay: the first delayed attempt waits 2 units. */
  unitMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** One address from one source: three tries, then 2, 4, 8 ... s, at most 15 min. */
export const ADDRESS_SOURCE_POLICY: ThrottlePolicy = { freeFailures: 3, capMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE, unitMs: SECOND };

/** One source over all addresses: twenty failures, then 2, 4, 8 ... s, at most 15 min. */
export const SOURCE_POLICY: ThrottlePolicy = { freeFailures: 20, capMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE, unitMs: SECOND };

/** A counter as stored: failures counted (attempts admitted and not refunded) and the last attempt. */
export interface FailureCount {
  failures: number;
  /** Epoch milliseconds of the last admitted attempt. */
  lastAttemptAt: number;
}

/** The wait imposed after `failures` failures: 0 up to the free allowance, then doubling, capped. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const exponent = failures - policy.freeFailures + 1;
  // 2^exponent overflows nothing before the cap for any sane policy, but guard large counts anyway.
  if (exponent > 52) return policy.capMs;
  return Math.min(policy.capMs, policy.unitMs * 2 ** exponent);
}

/** The failure count from which the wait is the cap (every larger count waits the same). */
export function cappedFrom(policy: ThrottlePolicy): number {
  let failures = policy.freeFailures;
  while (delayAfter(failures, policy) < policy.capMs) failures++;
  return failures;
}

/** A counter whose last attempt is older than the policy's memory counts as no failure at all. */
export function isForgotten(count: FailureCount, policy: ThrottlePolicy, now: number): boolean {
  return count.lastAttemptAt <= now - policy.forgetAfterMs;
}

/**
 * When the next attempt is allowed (epoch ms), or null when it is allowed now. A missing or
 * forgotten counter allows it.
 */
export function nextAttemptAt(count: FailureCount | null, policy: ThrottlePolicy, now: number): number | null {
  if (!count || isForgotten(count, policy, now)) return null;
  const delay = delayAfter(count.failures, policy);
  // Within the free allowance nothing waits, even when a failure was recorded after `now` (the
  // moment this attempt arrived): a slow password check of a simultaneous attempt must not turn
  // a free attempt into a refusal. The store's condition says the same (`#failures < :free`).
  if (delay === 0) return null;
  const at = count.lastAttemptAt + delay;
  return at > now ? at : null;
}

/**
 * The states that admit an attempt at `now`, as the store's condition spells them: any count
 * below `below`, or exactly `failures` with a last attempt at or before `lastAttemptAtMost`, or
 * (the last step) `failures` or more with a last attempt at or before the cap's bound.
 */
export function admittingStates(policy: ThrottlePolicy, now: number): { below: number; steps: { failures: number; orMore: boolean; lastAttemptAtMost: number }[] } {
  const capped = cappedFrom(policy);
  const steps: { failures: number; orMore: boolean; lastAttemptAtMost: number }[] = [];
  for (let failures = policy.freeFailures; failures <= capped; failures++) {
    steps.push({ failures, orMore: failures === capped, lastAttemptAtMost: now - delayAfter(failures, policy) });
  }
  return { below: policy.freeFailures, steps };
}

/** Whole seconds to announce in Retry-After (at least 1). */
export function retryAfterSeconds(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
