/**
 * The one retry policy of every optimistic-concurrency loop (allocations, membership and event
 * edits, login counters...): bounded attempts, full-jitter exponential backoff. Pure: the clock
 * and the randomness are injected, so tests run without sleeping.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Full jitter: the n-th retry waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryEnvironment {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Enough for a burst of 50 simultaneous writers of one item to all land: each cancelled attempt
 * means another writer committed, so nobody starves for long; the bound caps the latency of the
 * unlucky (about 3 s of waiting at worst).
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 10, maxDelayMs: 400 };

/** What one attempt says: done with a value, or try again from fresh reads. */
export type AttemptOutcome<T> = { done: T } | { retry: true };

export const RETRY = { retry: true } as const;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The wait before attempt `attempt` (2, 3, ...). */
export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 2)));
}

/**
 * Runs `attempt(1)`, `attempt(2)`... until one is done, waiting between them; `exhausted()` is
 * thrown (a domain error such as CONCURRENT_UPDATE) when the attempts run out.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<AttemptOutcome<T>>,
  exhausted: () => Error,
  policy: Partial<RetryPolicy> = {},
  environment: RetryEnvironment = {},
): Promise<T> {
  const effective = { ...DEFAULT_RETRY_POLICY, ...policy };
  const sleep = environment.sleep ?? defaultSleep;
  for (let n = 1; n <= effective.maxAttempts; n++) {
    if (n > 1) await sleep(retryDelay(effective, n, environment.random));
    const outcome = await attempt(n);
    if ('done' in outcome) return outcome.done;
  }
  throw exhausted();
}
