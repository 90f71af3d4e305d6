/**
 * Entities kept by conditional updates rather than puts (counters, claims): their declaration
 * gives the key and the `entity` name the updates write, and the item a fixture may put.
 */
import { defineEntity } from '../entity.ts';
import * as keys from '../keys.ts';
import type { FailureCount } from '../../domain/login-throttle.ts';
import type { Caller } from '../rate-limits.ts';
import type { IdempotencyRecord, StoredResponse } from '../idempotency.ts';
import type { EventStatus } from '../../domain/event.ts';

/** The address and the source shape the key only; `expiresAt` (TTL, epoch seconds) forgets the counter. */
export const LoginAttemptsEntity = defineEntity<{ email: string; sourceIp: string } & FailureCount & { expiresAt: number }, ReturnType<typeof keys.loginAttempts>, FailureCount>({
  name: 'LoginAttempts',
  key: (counter) => keys.loginAttempts(counter.email, counter.sourceIp),
  encode: ({ failures, lastAttemptAt, expiresAt }) => ({ failures, lastAttemptAt, expiresAt }),
  decode: (item) => ({ failures: item.failures as number, lastAttemptAt: item.lastAttemptAt as number }),
});

export const LoginSourceAttemptsEntity = defineEntity<{ sourceIp: string } & FailureCount & { expiresAt: number }, ReturnType<typeof keys.loginSourceAttempts>, FailureCount>({
  name: 'LoginSourceAttempts',
  key: (counter) => keys.loginSourceAttempts(counter.sourceIp),
  encode: ({ failures, lastAttemptAt, expiresAt }) => ({ failures, lastAttemptAt, expiresAt }),
  decode: (item) => ({ failures: item.failures as number, lastAttemptAt: item.lastAttemptAt as number }),
});

export const RateWindowEntity = defineEntity<{ caller: Caller; rateClass: string; windowStart: number; count: number; expiresAt: number }, ReturnType<typeof keys.rateWindow>, { count: number }>({
  name: 'RateWindow',
  key: (window) => keys.rateWindow(window.caller, window.rateClass, window.windowStart),
  encode: ({ count, expiresAt }) => ({ count, expiresAt }),
  decode: (item) => ({ count: Number(item.count) }),
});

export interface IdempotencyClaim {
  caller: Caller;
  routeKey: string;
  keyHash: string;
  status: IdempotencyRecord['status'];
  fingerprint: string;
  token: string;
  createdAt: string;
  /** TTL and logical expiry, epoch seconds. */
  expiresAt: number;
}

/** The caller, route and hashed key shape the key only; the stored response comes with completion. */
export const IdempotencyRecordEntity = defineEntity<IdempotencyClaim, ReturnType<typeof keys.idempotencyRecord>, IdempotencyRecord & { expiresAt: number }>({
  name: 'IdempotencyRecord',
  key: (claim) => keys.idempotencyRecord(claim.caller, claim.routeKey, claim.keyHash),
  encode: ({ status, fingerprint, token, createdAt, expiresAt }) => ({ status, fingerprint, token, createdAt, expiresAt }),
  decode: (item) => ({
    status: item.status as IdempotencyRecord['status'],
    fingerprint: item.fingerprint as string,
    response: item.response as StoredResponse | undefined,
    expiresAt: Number(item.expiresAt),
  }),
});

/** Statuses an event counter item holds, one number attribute each (a missing one is 0). */
export const COUNTED_EVENT_STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED'] as const satisfies readonly EventStatus[];
export type EventCounts = Record<EventStatus, number>;

/**
 * The organisation shapes the key only; the counts are moved by ADD (store/event-counters.ts) and
 * set only by the backfill, on condition of the item's `writes` (which the decode leaves out).
 */
export const EventCountersEntity = defineEntity<{ organizationId: string } & EventCounts, ReturnType<typeof keys.eventCounters>, EventCounts>({
  name: 'EventCounters',
  key: (counters) => keys.eventCounters(counters.organizationId),
  encode: ({ organizationId: _organizationId, ...counts }) => counts,
  decode: (item) => Object.fromEntries(COUNTED_EVENT_STATUSES.map((status) => [status, Number(item[status] ?? 0)])) as EventCounts,
});
