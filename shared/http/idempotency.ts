/**
 * Idempotent routes (`Idempotency-Key` header), on both surfaces: the manifest's `idempotent`
 * property, every POST unless a route says otherwise. The first request under a key claims it
 * with a conditional write; its final response is stored for 24 h and replayed, with
 * `Idempotent-Replayed: true`, to a retry with the same request. The same key with another
 * request is a 422, a retry while the first is still running a 409. Records are scoped to the
 * organisation, the caller and the route. See docs/idempotency.md for why this is not
 * Powertools' idempotency utility.
 *
 * Two middlewares, because the record must hold the response exactly as the client received
 * it, after errorEnvelope has shaped errors (middy runs after/onError hooks in reverse order of
 * registration): `guard` runs last in the before phase (it hashes the parsed body) and `recorder`
 * is registered ahead of errorEnvelope so it runs after it.
 */
import type middy from '@middy/core';
import { createHash, randomUUID } from 'node:crypto';
import { config } from '../config.ts';
import { HttpError } from './errors.ts';
import { headerOf, type RequestScope } from './middlewares.ts';
import { callerOf } from './rate-limit.ts';
import { routePolicyOf } from './route-policies.ts';
import type { ApiEvent, ApiResult, Context, Surface } from './types.ts';
import { recordMetric } from '../observability/metrics.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type Claim,
  type ClaimResult,
  type RecordAddress,
  type StoredResponse,
} from '../store/idempotency.ts';

export type IdempotencyState =
  | { mode: 'claimed'; address: RecordAddress; token: string }
  | { mode: 'replay'; response: StoredResponse }
  | { mode: 'settled' };

type IdempotencyContext = Context & { scope?: RequestScope; idempotency?: IdempotencyState };
type Request = middy.Request<ApiEvent, ApiResult, Error, IdempotencyContext>;
type Middleware = middy.MiddlewareObj<ApiEvent, ApiResult, Error, IdempotencyContext>;

export interface IdempotencyStore {
  claim(claim: Claim): Promise<ClaimResult>;
  complete(address: RecordAddress & { token: string; response: StoredResponse; expiresAt: number; now: Date }): Promise<boolean>;
  release(address: RecordAddress & { token: string }): Promise<void>;
}

const dynamoDbStore: IdempotencyStore = { claim: claimIdempotencyKey, complete: completeIdempotencyKey, release: releaseIdempotencyKey };

export interface IdempotencyOptions {
  surface: Surface;
  /** How long a completed response is replayed. */
  retentionSeconds?: number;
  /** How long a claim blocks its key when the Lambda context cannot tell the invocation's deadline. */
  inFlightSeconds?: number;
  /** Larger responses are not stored (a DynamoDB item holds at most 400 KB). */
  maxStoredBytes?: number;
  store?: IdempotencyStore;
}

/** 1 to 255 printable ASCII characters. */
const KEY_SHAPE = /^[\x20-\x7E]{1,255}$/;

/** Headers that describe this delivery, not the operation's outcome: a replay gets fresh ones. */
const PER_DELIVERY = /^(?:x-request-id|retry-after|ratelimit-.*|access-control-.*|idempotent-replayed)$/i;

const invalidKey = () =>
  HttpError.of(400, 'INVALID_IDEMPOTENCY_KEY', { details: [{ field: 'Idempotency-Key', message: '1-255 printable ASCII characters' }] });

const keyReused = () =>
  HttpError.of(422, 'IDEMPOTENCY_KEY_REUSED');

const inProgress = () =>
  HttpError.of(409, 'IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } });

/** Key order and whitespace do not make two JSON bodies different requests. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function fingerprintOf(event: ApiEvent, scope: RequestScope): string {
  const body =
    scope.body !== undefined
      ? `json:${canonicalJson(scope.body)}`
      : event.body
        ? `${event.isBase64Encoded ? 'base64' : 'text'}:${event.body}`
        : 'empty';
  return sha256(JSON.stringify([event.rawPath ?? '', event.rawQueryString ?? '', body]));
}

function storable(response: ApiResult, maxBytes: number): StoredResponse | 'failed' | 'secret' | 'too-large' {
  if ((response.statusCode ?? 200) >= 500) return 'failed';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() === 'cache-control' && /\bno-store\b/i.test(String(value))) return 'secret';
    if (!PER_DELIVERY.test(name)) headers[name] = String(value);
  }
  const stored: StoredResponse = {
    statusCode: response.statusCode ?? 200,
    headers,
    body: response.body ?? '',
    isBase64Encoded: response.isBase64Encoded ?? false,
  };
  return Buffer.byteLength(JSON.stringify(stored), 'utf8') > maxBytes ? 'too-large' : stored;
}

/** The stored response to send instead of running the handler, when the request is a replay. */
export function replayOf(context: IdempotencyContext): ApiResult | undefined {
  const state = context.idempotency;
  if (state?.mode !== 'replay') return undefined;
  const { statusCode, headers, body, isBase64Encoded } = state.response;
  return { statusCode, headers: { ...headers }, body, isBase64Encoded };
}

let unwiredReported = false;

export function idempotency(options: IdempotencyOptions): { guard: Middleware; recorder: Middleware } {
  const retentionSeconds = options.retentionSeconds ?? 24 * 3600;
  const inFlightSeconds = options.inFlightSeconds ?? 30;
  const maxStoredBytes = options.maxStoredBytes ?? 300_000;
  const store = options.store ?? dynamoDbStore;

  const guard: Middleware = {
    before: async ({ event, context }) => {
      if (!routePolicyOf(event.routeKey, event.requestContext?.http?.method ?? '', event.rawPath ?? '/').idempotent) return;
      const key = headerOf(event, 'idempotency-key');
      if (key === undefined) return;
      if (!KEY_SHAPE.test(key) || key.trim() === '') throw invalidKey();

      const scope = context.scope!;
      if (!options.store && !config.tableName) {
        // Same policy as the rate limiter: a function the stack did not wire to the table.
        if (!unwiredReported) scope.log.error('idempotency disabled: TABLE_NAME is not set', { routeKey: event.routeKey });
        unwiredReported = true;
        return;
      }
      const now = new Date();
      // A claim outlives its invocation by a second at most: after the deadline nothing can complete it.
      const remainingMs = context.getRemainingTimeInMillis?.() ?? 0;
      const lockMs = remainingMs > 0 ? remainingMs : inFlightSeconds * 1000;
      const address: RecordAddress = { caller: callerOf(event, scope.principal), routeKey: event.routeKey, keyHash: sha256(key) };
      const token = randomUUID();
      const fingerprint = fingerprintOf(event, scope);
      const result = await store.claim({ ...address, fingerprint, token, now, lockedUntil: Math.ceil((now.getTime() + lockMs) / 1000) + 1 });
      if (result.claimed) {
        context.idempotency = { mode: 'claimed', address, token };
        return;
      }
      if (result.record.fingerprint !== fingerprint) throw keyReused();
      if (result.record.status !== 'COMPLETED' || !result.record.response) throw inProgress();
      scope.log.info('idempotent replay', { routeKey: event.routeKey, status: result.record.response.statusCode });
      recordMetric('IdempotentReplays', 1, { Surface: options.surface });
      context.idempotency = { mode: 'replay', response: result.record.response };
    },
  };

  const settle = async (request: Request) => {
    const state = request.context.idempotency;
    if (!state || state.mode === 'settled') return;
    request.context.idempotency = { mode: 'settled' };
    if (state.mode === 'replay') {
      if (request.response) request.response.headers = { ...request.response.headers, 'Idempotent-Replayed': 'true' };
      return;
    }
    const log = request.context.scope?.log;
    const outcome = request.response ? storable(request.response, maxStoredBytes) : 'failed';
    try {
      if (typeof outcome === 'string') {
        // A failure must not stick to the key (the client's retry runs again); a response holding a
        // secret is never persisted (API keys are stored only as hashes).
        if (outcome !== 'failed') log?.warn('idempotent response not stored', { reason: outcome });
        await store.release({ ...state.address, token: state.token });
        return;
      }
      const now = new Date();
      const expiresAt = Math.floor(now.getTime() / 1000) + retentionSeconds;
      const completed = await store.complete({ ...state.address, token: state.token, response: outcome, expiresAt, now });
      if (!completed) log?.warn('idempotency claim expired before the response was stored');
    } catch (error) {
      // The operation itself is done; the client gets its answer. Its claim expires by itself.
      log?.error('idempotency record not settled', { error });
    }
  };

  const recorder: Middleware = {
    // Registered ahead of authenticate: whatever fails later, the hooks below never act on the
    // state of another invocation that shared this context object.
    before: (request) => {
      request.context.idempotency = undefined;
    },
    after: settle,
    onError: settle,
  };
  return { guard, recorder };
}
