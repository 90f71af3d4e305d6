/**
 * Rate limits of the PlanningHub spec (100/min standard, 20/min critical), enforced for every
 * Lambda instance at once: the counters live in DynamoDB (shared/store/rate-limits.ts), never in
 * memory. Two middlewares, because middy runs after/onError hooks in reverse order of
 * registration: `rateLimit` counts the request (after authentication, before the body is read)
 * and `rateLimitHeaders`, registered ahead of errorEnvelope, puts the RateLimit-* headers on every
 * response, error responses included. See docs/rate-limits.md.
 */
import type middy from '@middy/core';
import { config } from '../config.ts';
import { HttpError } from './errors.ts';
import type { RequestScope } from './middlewares.ts';
import { routePolicyOf, type RateClass } from './route-policies.ts';
import type { ApiEvent, ApiResult, Context, Principal, Surface } from './types.ts';
import { getOrganizationRateLimits, hitRateWindow, type Caller, type WindowCount, type WindowHit } from '../store/rate-limits.ts';
import { recordMetric } from '../observability/metrics.ts';

export type LimitedClass = Exclude<RateClass, 'none'>;
export type RateLimits = Record<LimitedClass, number>;

/** What the response headers report about the caller's current window. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

type RateLimitContext = Context & { scope?: RequestScope; rateLimit?: RateLimitState };
type Middleware = middy.MiddlewareObj<ApiEvent, ApiResult, Error, RateLimitContext>;

export interface RateLimitStore {
  hit(hit: WindowHit): Promise<WindowCount>;
  organizationLimits(organizationId: string): Promise<Record<string, unknown> | null>;
}

const dynamoDbStore: RateLimitStore = { hit: hitRateWindow, organizationLimits: getOrganizationRateLimits };

/** PlanningHub spec, "Rate Limiting". */
export const specLimits: RateLimits = { standard: 100, critical: 20 };

export interface RateLimitOptions {
  surface: Surface;
  windowSeconds?: number;
  /** Used when neither the organisation nor the environment sets a limit. */
  defaults?: RateLimits;
  /** How long an organisation's own limits are trusted without re-reading them (configuration, not counters). */
  organizationCacheMs?: number;
  store?: RateLimitStore;
  now?: () => number;
}

const tooManyRequests = {
  eventlite: 'RATE_LIMIT_EXCEEDED.eventlite',
  planninghub: 'RATE_LIMIT_EXCEEDED.planninghub',
  system: 'RATE_LIMIT_EXCEEDED.system',
} as const satisfies Record<Surface, string>;

export function callerOf(event: ApiEvent, principal: Principal | undefined): Caller {
  if (principal) return { organizationId: principal.organizationId, userId: principal.userId };
  return { sourceIp: event.requestContext?.http?.sourceIp || 'unknown' };
}

const positiveInteger = (value: unknown): number | undefined => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
};

function environmentLimits(defaults: RateLimits): RateLimits {
  return {
    standard: config.rateLimitStandard ?? defaults.standard,
    critical: config.rateLimitCritical ?? defaults.critical,
  };
}

interface CachedLimits {
  limits: Partial<RateLimits>;
  until: number;
}
// Per execution environment: a plan change reaches every instance within the cache period.
const organizationLimitsCache = new Map<string, CachedLimits | Promise<Partial<RateLimits>>>();

async function organizationLimits(store: RateLimitStore, organizationId: string, now: number, cacheMs: number): Promise<Partial<RateLimits>> {
  const cached = organizationLimitsCache.get(organizationId);
  if (cached instanceof Promise) return cached;
  if (cached && cached.until > now) return cached.limits;
  // Concurrent requests of one organisation (the local gateway runs many at once) share one read.
  const loading = store.organizationLimits(organizationId).then(
    (stored) => {
      const limits: Partial<RateLimits> = {};
      const standard = positiveInteger(stored?.standard);
      const critical = positiveInteger(stored?.critical);
      if (standard) limits.standard = standard;
      if (critical) limits.critical = critical;
      organizationLimitsCache.set(organizationId, { limits, until: now + cacheMs });
      return limits;
    },
    (error: unknown) => {
      organizationLimitsCache.delete(organizationId);
      throw error;
    },
  );
  organizationLimitsCache.set(organizationId, loading);
  return loading;
}

/** Throttling, server-side and network failures of the store: worth failing open for. */
function isTransient(error: unknown): boolean {
  const candidate = error as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const transientNames = ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError', 'ServiceUnavailable', 'TimeoutError'];
  return (
    transientNames.includes(candidate?.name ?? '') ||
    Boolean(candidate?.$retryable) ||
    (candidate?.$metadata?.httpStatusCode ?? 0) >= 500 ||
    ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'].includes(candidate?.code ?? '')
  );
}

export const rateLimitHeadersOf = (state: RateLimitState): Record<string, string> => ({
  'RateLimit-Limit': String(state.limit),
  'RateLimit-Remaining': String(state.remaining),
  'RateLimit-Reset': String(state.resetSeconds),
});

let unwiredReported = false;

/** The outcome of counting one request, as the response headers and the authorizer carry it. */
export interface RateVerdict {
  rateClass: LimitedClass;
  admitted: boolean;
  state: RateLimitState;
  windowSeconds: number;
}

export interface CountOptions {
  routeKey: string | undefined;
  method: string;
  path: string;
  caller: Caller;
  log: { error(message: string, fields?: Record<string, unknown>): void };
  windowSeconds?: number;
  defaults?: RateLimits;
  organizationCacheMs?: number;
  store?: RateLimitStore;
  now?: () => number;
}

/**
 * Counts one request against its caller's window. Null when the route is not limited, or when the
 * limiter's store is unavailable (a throttled or unreachable limiter must not take the API down;
 * a misconfiguration such as a missing permission is not transient and throws).
 */
export async function countRequest(options: CountOptions): Promise<RateVerdict | null> {
  const { rateClass } = routePolicyOf(options.routeKey, options.method, options.path);
  if (rateClass === 'none') return null;
  const store = options.store ?? dynamoDbStore;
  if (!options.store && !config.tableName) {
    // A function the stack did not wire to the table (and the table-less unit tests of the
    // pipeline): nothing to count in. Loud once per cold start, see docs/rate-limits.md.
    if (!unwiredReported) options.log.error('rate limiting disabled: TABLE_NAME is not set', { routeKey: options.routeKey });
    unwiredReported = true;
    return null;
  }
  const windowSeconds = options.windowSeconds ?? 60;
  const now = (options.now ?? Date.now)();
  const nowSeconds = Math.floor(now / 1000);
  const windowStart = nowSeconds - (nowSeconds % windowSeconds);
  const resetSeconds = windowStart + windowSeconds - nowSeconds;
  const caller = options.caller;
  try {
    const own = 'organizationId' in caller ? await organizationLimits(store, caller.organizationId, now, options.organizationCacheMs ?? 60_000) : {};
    const limit = own[rateClass] ?? environmentLimits(options.defaults ?? specLimits)[rateClass];
    const result = await store.hit({ caller, rateClass, windowStart, windowSeconds, limit });
    return {
      rateClass,
      admitted: result.admitted,
      windowSeconds,
      state: { limit, remaining: result.admitted ? Math.max(0, limit - result.count) : 0, resetSeconds },
    };
  } catch (error) {
    if (!isTransient(error)) throw error;
    options.log.error('rate limiter unavailable, request admitted', { error, rateClass });
    return null;
  }
}

/** The verdict the authorizer counted for this request, when it did. */
function verdictFromAuthorizer(event: ApiEvent): RateVerdict | null {
  const context = event.requestContext?.authorizer?.lambda as Record<string, unknown> | undefined;
  if (!context || typeof context.rateLimit !== 'number') return null;
  return {
    rateClass: context.rateClass as LimitedClass,
    admitted: context.rateExceeded !== true,
    windowSeconds: Number(context.rateWindowSeconds ?? 60),
    state: { limit: context.rateLimit, remaining: Number(context.rateRemaining ?? 0), resetSeconds: Number(context.rateReset ?? 0) },
  };
}

/**
 * Applies the rate limit: authenticated requests were counted by the authorizer (so functions that
 * only read keep read-only permissions), anonymous ones are counted here by source address.
 * 429 with Retry-After once the window is full.
 */
export const rateLimit = (options: RateLimitOptions): Middleware => ({
  before: async ({ event, context }) => {
    const scope = context.scope!;
    const verdict =
      verdictFromAuthorizer(event) ??
      (scope.principal && !options.store
        ? null
        : await countRequest({
            routeKey: event.routeKey,
            method: event.requestContext?.http?.method ?? 'GET',
            path: event.rawPath ?? '/',
            caller: callerOf(event, scope.principal),
            log: scope.log,
            windowSeconds: options.windowSeconds,
            defaults: options.defaults,
            organizationCacheMs: options.organizationCacheMs,
            store: options.store,
            now: options.now,
          }));
    if (!verdict) return;
    context.rateLimit = verdict.state;
    if (!verdict.admitted) {
      const { limit, resetSeconds } = verdict.state;
      recordMetric('RateLimited', 1, { RateClass: verdict.rateClass });
      throw HttpError.of(429, tooManyRequests[options.surface], {
        params: { limit },
        headers: { 'Retry-After': String(resetSeconds), ...rateLimitHeadersOf(verdict.state) },
        details:
          options.surface === 'planninghub'
            ? { rate_class: verdict.rateClass, limit, window_seconds: verdict.windowSeconds, retry_after: resetSeconds }
            : undefined,
      });
    }
  },
});

/** RateLimit-* on every response of a counted request (successes, refusals and failures alike). */
export const rateLimitHeaders = (): Middleware => {
  const decorate = (request: middy.Request<ApiEvent, ApiResult, Error, RateLimitContext>) => {
    const state = request.context.rateLimit;
    if (state && request.response) request.response.headers = { ...request.response.headers, ...rateLimitHeadersOf(state) };
  };
  return {
    // Registered ahead of authenticate, so this runs before anything can fail: a context object
    // that outlives its invocation (a reused test fixture, a custom host) never leaks a count.
    before: (request) => {
      request.context.rateLimit = undefined;
    },
    after: decorate,
    onError: decorate,
  };
};
