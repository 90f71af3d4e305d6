/**
 * Booking without races (docs/architecture.md; docs/equipment.md, "Allocation design"): reusable for
 * every resource that can be held over time (equipment units and stocks now, technicians with
 * shifts next), and for several resources in one transaction.
 *
 * A resource has allocation items keyed by start time under its own partition, and lock items
 * carrying a version, one per 6-hour stripe of time (LOCK_STRIPE_MS). To allocate `[start, end)`:
 *   1. read the versions of the locks of the stripes the interval touches (consistent), THEN
 *   2. query the allocations that could overlap: those starting in `[start - MAX_ALLOCATION_MS, end]`
 *      (consistent Query; bounded whatever the history, since no allocation is longer),
 *   3. decide in the pure domain (shared/domain/allocation.ts: overlap, stock peak),
 *   4. write ONE TransactWriteItems: per resource, bump each of those locks on condition that its
 *      version is still the one read (create it with attribute_not_exists on first use); put the
 *      allocations; and the caller's items (the booking, condition checks on what it read).
 * An overlapping allocation committed between 1 and 4 touched a stripe this one touches (two
 * overlapping intervals share the stripe of the later start) and bumped its lock, so the
 * transaction is cancelled and everything is read and decided again (bounded attempts,
 * full-jitter backoff). Reading the versions before the allocations is what makes this sound: an
 * allocation committed before step 1 is seen by step 2; one committed after step 1 moved a version.
 * One lock per stripe rather than per resource: bookings of one resource at different times do not
 * make each other retry (a burst of 50 disjoint bookings of one item lands in a second instead of
 * retrying for many; docs/equipment.md has the figures).
 *
 * Releasing deletes the allocation items, so the overlap query never reads cancelled ones.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { keys, type Key } from './keys.ts';
import { defineEntity } from './entity.ts';
import { cancellationReasons, isTransientTransactionFailure } from './conditions.ts';
import { queryAll } from './query.ts';
import { batchGet } from './batch-get.ts';
import { DomainError } from '../domain/errors.ts';
import { DEFAULT_RETRY_POLICY, RETRY, withRetry } from '../domain/retry.ts';
import { findConflicts, MAX_ALLOCATION_MS, overlaps, stripesOf, type Allocation, type AllocationConflict, type Interval } from '../domain/allocation.ts';
import { recordMetric } from '../observability/metrics.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface ResourceRef {
  /** `equipment`, `technician`... part of the partition key. */
  type: string;
  id: string;
}

export interface AllocationRequest {
  resource: ResourceRef;
  allocation: Allocation & {
    /** Extra attributes stored on the allocation item (e.g. shiftId, technicianId). */
    attributes?: Record<string, string | number | boolean | null>;
  };
  /** How much of the resource exists: 1 for a unit or a technician, the stock of a bulk item. */
  capacity: number;
}

export interface AllocationPlan {
  requests: AllocationRequest[];
  /** Written in the same transaction: the owning entity, condition checks on what the plan read. */
  items?: TransactItem[];
  /**
   * A re-allocation (a shift changed): the owner's allocations to delete in the same transaction,
   * and the owner whose existing allocations are set aside when looking for conflicts (its new
   * allocations may replace its own items at the same key).
   */
  reallocation?: { ownerId: string; releases: Release[] };
  /**
   * What the plan already read for allocate, by `resourceKey`, in the protocol's order (the lock
   * versions, THEN the allocations, both consistent, at this attempt): allocate then reads nothing
   * again for a resource whose entry holds every stripe and covers the window it needs.
   */
  prefetched?: Map<string, PrefetchedResource>;
}

export interface PrefetchedResource {
  /** The stripes whose versions were read; a stripe listed but absent from `versions` has no lock yet. */
  stripes: readonly number[];
  versions: Map<number, number>;
  /** Every allocation that overlaps `covers` is in `allocations` (read after the versions). */
  covers: Interval;
  allocations: Allocation[];
}

export interface ResourceConflict {
  resource: ResourceRef;
  conflict: AllocationConflict;
}

export type AllocateResult<P extends AllocationPlan = AllocationPlan> =
  | { ok: true; plan: P; attempts: number }
  | { ok: false; plan: P; conflicts: ResourceConflict[]; attempts: number };

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** Full jitter: the n-th retry waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface AllocateOptions extends RetryOptions {
  /**
   * One of the plan's `items` failed its condition (index into `items`): throw a domain error, or
   * return 'retry' to plan again from fresh reads (e.g. the booked item changed meanwhile).
   * Default: retry.
   */
  onItemRejected?: (index: number) => 'retry';
  /** The error for a transaction beyond DynamoDB's limits (TRANSACTION_TOO_LARGE), given its item count. */
  tooLarge?: (items: number) => Error;
}

/**
 * Enough for a burst of 50 simultaneous bookings of one resource to all land: each cancelled
 * attempt means another booking committed, so nobody starves for long, and the bound only caps the
 * latency of the unlucky (about 3 s of waiting at worst with these delays).
 */
export const DEFAULT_RETRY: Required<Pick<RetryOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs'>> = DEFAULT_RETRY_POLICY;

/** DynamoDB's limits for one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

/** Latest instant an allocation query can be asked for (keys hold fixed-width ISO instants). */
export const END_OF_TIME = Date.UTC(2999, 11, 31, 23, 59, 59, 999);

const iso = (instant: number) => new Date(instant).toISOString();
export const resourceKey = (resource: ResourceRef) => `${resource.type}#${resource.id}`;

export const busy = () =>
  DomainError.of('conflict', 'CONCURRENT_UPDATE.allocation');

const tooLarge = (what: string) =>
  DomainError.of('invalid', 'TRANSACTION_TOO_LARGE.allocation', { params: { what } });

// ---------------------------------------------------------------------------------------------
// Entities.

/** An allocation item: the allocation of a resource, with the caller's extra attributes (shiftId, worked...). */
export interface AllocationRecord {
  organizationId: string;
  resource: ResourceRef;
  allocation: AllocationRequest['allocation'];
  createdAt: string;
}

export const allocationEntity = defineEntity<AllocationRecord, Key, Allocation>({
  name: 'Allocation',
  key: ({ organizationId, resource, allocation }) => keys.resourceAllocation(organizationId, resource.type, resource.id, iso(allocation.start), allocation.id),
  // The caller's attributes first: they never override the allocation's own.
  encode: ({ organizationId, resource, allocation, createdAt }) => ({
    ...allocation.attributes,
    organizationId,
    resourceType: resource.type,
    resourceId: resource.id,
    allocationId: allocation.id,
    startAt: iso(allocation.start),
    endAt: iso(allocation.end),
    quantity: allocation.quantity,
    ownerType: allocation.ownerType,
    ownerId: allocation.ownerId,
    eventId: allocation.eventId,
    createdAt,
  }),
  decode: (item) => ({
    id: String(item.allocationId),
    start: Date.parse(String(item.startAt)),
    end: Date.parse(String(item.endAt)),
    quantity: typeof item.quantity === 'number' ? item.quantity : 1,
    ownerType: String(item.ownerType ?? ''),
    ownerId: String(item.ownerId ?? item.allocationId),
    eventId: typeof item.eventId === 'string' ? item.eventId : null,
  }),
});

/** A lock item: the version of one stripe of a resource's time (see the module comment). */
export interface ResourceLock {
  organizationId: string;
  resource: ResourceRef;
  stripe: number;
  version: number;
  updatedAt: string;
}

export const resourceLockEntity = defineEntity<ResourceLock, Key, { stripe: number; version: number }>({
  name: 'ResourceLock',
  key: ({ organizationId, resource, stripe }) => keys.resourceLock(organizationId, resource.type, resource.id, stripe),
  encode: ({ resource, stripe, version, updatedAt }) => ({ version, resourceType: resource.type, resourceId: resource.id, stripe, updatedAt }),
  decode: (item) => ({ stripe: Number(item.stripe), version: Number(item.version) }),
});

/**
 * The SET clause writing every attribute of `item` but its key (and those in `except`): items
 * written by update expressions (conditions on a version, ADD on a counter) keep their entity's attributes.
 */
export function setAttributes(item: Record<string, unknown>, except: readonly string[] = []): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const entries = Object.entries(item).filter(([name]) => name !== 'pk' && name !== 'sk' && !except.includes(name));
  return {
    expression: entries.map(([name]) => `#${name} = :${name}`).join(', '),
    names: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
    values: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
  };
}

// ---------------------------------------------------------------------------------------------
// Reads.

/**
 * The lock versions of several resources' stripes in one BatchGet, by `resourceKey`; a lock never
 * written is absent (version 0). Always consistent: it is what the write is conditioned on. One
 * round trip however many resources a write holds.
 */
export async function readLocksOf(organizationId: string, wanted: readonly { resource: ResourceRef; stripes: readonly number[] }[]): Promise<Map<string, Map<number, number>>> {
  const versions = new Map(wanted.map((entry) => [resourceKey(entry.resource), new Map<number, number>()]));
  // Each answer is matched to what was asked by its key.
  const asked = new Map<string, { versions: Map<number, number>; stripe: number; key: Key }>();
  for (const entry of wanted) {
    for (const stripe of entry.stripes) {
      const key = keys.resourceLock(organizationId, entry.resource.type, entry.resource.id, stripe);
      asked.set(`${key.pk}\n${key.sk}`, { versions: versions.get(resourceKey(entry.resource))!, stripe, key });
    }
  }
  if (asked.size === 0) return versions;
  const items = await batchGet(
    [...asked.values()].map((entry) => entry.key),
    { consistent: true, attributes: ['pk', 'sk', 'version'] },
  );
  for (const item of items) {
    const entry = asked.get(`${String(item.pk)}\n${String(item.sk)}`);
    const version = Number(item.version);
    if (entry && Number.isFinite(version)) entry.versions.set(entry.stripe, version);
  }
  return versions;
}

/**
 * The resource's allocations that overlap `window`, by start. Reads only those starting in
 * `[window.start - MAX_ALLOCATION_MS, window.end]`, so the cost follows the window, not the history.
 */
export async function readAllocations(organizationId: string, resource: ResourceRef, window: Interval, options: { consistent?: boolean } = {}): Promise<Allocation[]> {
  const from = Math.max(0, window.start - MAX_ALLOCATION_MS);
  const where = keys.resourceAllocationsStartingBetween(organizationId, resource.type, resource.id, iso(from), iso(Math.min(window.end, END_OF_TIME)));
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': where.pk, ':from': where.skFrom, ':to': where.skTo },
    ConsistentRead: options.consistent ?? false,
  });
  return items.map(allocationEntity.fromItem).filter((allocation) => overlaps(allocation, window));
}

// ---------------------------------------------------------------------------------------------
// Writes.

/** Bumps a stripe's lock on condition that its version is still `read` (absent when undefined). Exported for writes that re-allocate (shifts). */
export function lockBump(organizationId: string, resource: ResourceRef, stripe: number, read: number | undefined, now: string): TransactItem {
  const lock = { organizationId, resource, stripe, version: (read ?? 0) + 1, updatedAt: now };
  const set = setAttributes(resourceLockEntity.toItem(lock), ['version']);
  return {
    Update: {
      TableName: tableName(),
      Key: resourceLockEntity.key(lock),
      UpdateExpression: `SET #version = :next, ${set.expression}`,
      ConditionExpression: read === undefined ? 'attribute_not_exists(pk)' : '#version = :read',
      ExpressionAttributeNames: { '#version': 'version', ...set.names },
      ExpressionAttributeValues: { ':next': lock.version, ...set.values, ...(read === undefined ? {} : { ':read': read }) },
    },
  };
}

/**
 * The allocation item, on condition that its key is free, or held by `replacing` (a shift moved
 * to the same resource and start replaces its own allocation).
 */
export function allocationPut(organizationId: string, request: AllocationRequest, now: string, replacing?: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: allocationEntity.toItem({ organizationId, resource: request.resource, allocation: request.allocation, createdAt: now }),
      ...(replacing === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'attribute_not_exists(pk) OR #ownerId = :owner',
            ExpressionAttributeNames: { '#ownerId': 'ownerId' },
            ExpressionAttributeValues: { ':owner': replacing },
          }),
    },
  };
}

function assertWithinLimits(items: TransactItem[], error: (count: number, detail: string) => Error = (_, detail) => tooLarge(detail)): void {
  if (items.length > MAX_TRANSACTION_ITEMS) throw error(items.length, `${items.length} items, ${MAX_TRANSACTION_ITEMS} at most`);
  // JSON is larger than DynamoDB's own item encoding, so this errs on the safe side.
  const bytes = Buffer.byteLength(JSON.stringify(items), 'utf8');
  if (bytes > MAX_TRANSACTION_BYTES) throw error(items.length, `${Math.ceil(bytes / 1024)} KiB, 4 MiB at most`);
}

function validateRequest(request: AllocationRequest): void {
  const { allocation, capacity } = request;
  const fault =
    !Number.isFinite(allocation.start) || !Number.isFinite(allocation.end) || allocation.end <= allocation.start
      ? 'empty or invalid interval'
      : allocation.end - allocation.start > MAX_ALLOCATION_MS
        ? `longer than ${MAX_ALLOCATION_MS} ms: the overlap query would miss it`
        : allocation.start < 0 || allocation.end > END_OF_TIME
          ? 'outside the instants the keys can hold'
          : !Number.isInteger(allocation.quantity) || allocation.quantity < 1
            ? 'quantity must be a positive integer'
            : !Number.isInteger(capacity) || capacity < 1
              ? 'capacity must be a positive integer'
              : null;
  // Callers validate their input first; reaching this is a programming error, not a client's.
  if (fault) throw new Error(`Invalid allocation ${allocation.id} of ${resourceKey(request.resource)}: ${fault}`);
}

type Outcome = { kind: 'retry' } | { kind: 'item'; index: number } | { kind: 'done' };

/**
 * Sends the transaction; says what to do when it was cancelled. `lockCount` items come first,
 * then `fixedCount` items that must never fail (allocation puts), then the caller's items.
 */
async function send(items: TransactItem[], lockCount: number, fixedCount: number): Promise<Outcome> {
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    return { kind: 'done' };
  } catch (error) {
    // Another transaction on the same items (real DynamoDB only) or throttling: try again.
    if (isTransientTransactionFailure(error)) return { kind: 'retry' };
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    if (reasons.slice(0, lockCount).some((reason) => reason === 'ConditionalCheckFailed')) return { kind: 'retry' };
    const fixed = reasons.slice(lockCount, lockCount + fixedCount).findIndex((reason) => reason !== 'None');
    if (fixed >= 0) throw new Error(`Allocation item ${fixed} refused (${reasons[lockCount + fixed]}): allocation id reused within its resource`, { cause: error });
    const index = reasons.slice(lockCount + fixedCount).findIndex((reason) => reason === 'ConditionalCheckFailed');
    if (index >= 0) return { kind: 'item', index };
    throw error;
  }
}

/** The shared retry policy with the caller's overrides (tests inject the clock and the randomness). */
function retryOf(options: RetryOptions) {
  const { maxAttempts, baseDelayMs, maxDelayMs, sleep, random } = options;
  const policy = Object.fromEntries(Object.entries({ maxAttempts, baseDelayMs, maxDelayMs }).filter(([, value]) => value !== undefined));
  return { policy, environment: { sleep, random } };
}

/**
 * Allocates every request of the plan in one transaction, or none. `plan` is called at every
 * attempt, so what it reads (the item being booked, the event) is fresh each time; its `items`
 * join the transaction, typically the owning entity and condition checks on what it read.
 * With `reallocation`, the owner's allocations named there are deleted in the same transaction
 * and its other allocations do not count as conflicts: the lock protocol of a change is this one.
 * Returns the conflicts when a request does not fit (a real overlap, or a stock too small);
 * throws CONCURRENT_UPDATE (409) if the attempts run out, TRANSACTION_TOO_LARGE (400) beyond
 * DynamoDB's limits.
 */
export async function allocate<P extends AllocationPlan>(
  organizationId: string,
  plan: (attempt: number) => Promise<P> | P,
  options: AllocateOptions = {},
): Promise<AllocateResult<P>> {
  const { policy, environment } = retryOf(options);
  const tooLargeError = (count: number, detail: string) => options.tooLarge?.(count) ?? tooLarge(detail);
  const result = await withRetry<AllocateResult<P>>(
    async (attempt) => {
      const current = await plan(attempt);
      const owner = current.reallocation?.ownerId;
      const groups = new Map<string, { resource: ResourceRef; capacity: number; requests: AllocationRequest[] }>();
      for (const request of current.requests) {
        validateRequest(request);
        const group = groups.get(resourceKey(request.resource)) ?? { resource: request.resource, capacity: request.capacity, requests: [] };
        if (group.capacity !== request.capacity || group.requests.some((other) => other.allocation.id === request.allocation.id)) {
          throw new Error(`Inconsistent requests for ${resourceKey(request.resource)}: one capacity and distinct allocation ids per resource`);
        }
        group.requests.push(request);
        groups.set(resourceKey(request.resource), group);
      }
      const resources = [...groups.values()];
      const extra = current.items ?? [];
      // The same key is replaced by its Put: one transaction cannot touch an item twice.
      const puts = new Set(current.requests.map((request) => `${resourceKey(request.resource)}#${request.allocation.start}`));
      const deletes = (current.reallocation?.releases ?? [])
        .filter((entry) => !puts.has(`${resourceKey(entry.resource)}#${entry.allocation.start}`))
        .map(releaseDelete(organizationId));
      const stripes = resources.map((group) => stripesOf(group.requests.map((request) => request.allocation)));
      const lockCount = stripes.reduce((sum, list) => sum + list.length, 0);
      const count = lockCount + deletes.length + current.requests.length + extra.length;
      if (count > MAX_TRANSACTION_ITEMS) throw tooLargeError(count, `${count} items, ${MAX_TRANSACTION_ITEMS} at most`);

      // Versions strictly before allocations: see the module comment. What the plan read in that
      // order at this attempt stands in for both reads.
      const windows = resources.map((group) => ({
        start: Math.min(...group.requests.map((request) => request.allocation.start)),
        end: Math.max(...group.requests.map((request) => request.allocation.end)),
      }));
      const prefetched = resources.map((group, i) => {
        const entry = current.prefetched?.get(resourceKey(group.resource));
        const usable = entry && stripes[i]!.every((stripe) => entry.stripes.includes(stripe)) && entry.covers.start <= windows[i]!.start && entry.covers.end >= windows[i]!.end;
        return usable ? entry : undefined;
      });
      const toRead = resources.flatMap((group, i) => (prefetched[i] ? [] : [{ resource: group.resource, stripes: stripes[i]! }]));
      const read = await readLocksOf(organizationId, toRead);
      const locks = resources.map((group, i) => prefetched[i]?.versions ?? read.get(resourceKey(group.resource))!);
      const existing = await Promise.all(
        resources.map(async (group, i) => {
          const window = windows[i]!;
          const found = prefetched[i]
            ? prefetched[i].allocations.filter((allocation) => overlaps(allocation, window))
            : await readAllocations(organizationId, group.resource, window, { consistent: true });
          return owner === undefined ? found : found.filter((allocation) => allocation.ownerId !== owner);
        }),
      );

      // Every allocation already there: an earlier attempt committed although its answer was lost.
      // (A re-allocation knows that from its owner's own write token instead.)
      const alreadyDone =
        owner === undefined &&
        current.requests.length > 0 &&
        resources.every((group, i) =>
          group.requests.every((request) => existing[i]!.some((allocation) => allocation.id === request.allocation.id && allocation.start === request.allocation.start && allocation.end === request.allocation.end)),
        );
      if (alreadyDone) return { done: { ok: true, plan: current, attempts: attempt } };

      const conflicts: ResourceConflict[] = resources.flatMap((group, i) =>
        findConflicts(
          existing[i]!,
          group.requests.map((request) => request.allocation),
          group.capacity,
        ).map((conflict) => ({ resource: group.resource, conflict })),
      );
      if (conflicts.length > 0) return { done: { ok: false, plan: current, conflicts, attempts: attempt } };

      const now = new Date().toISOString();
      const items = [
        ...resources.flatMap((group, i) => stripes[i]!.map((stripe) => lockBump(organizationId, group.resource, stripe, locks[i]!.get(stripe), now))),
        ...deletes,
        ...current.requests.map((request) => allocationPut(organizationId, request, now, owner)),
        ...extra,
      ];
      assertWithinLimits(items, tooLargeError);
      const outcome = await send(items, lockCount, deletes.length + current.requests.length);
      if (outcome.kind === 'done') return { done: { ok: true, plan: current, attempts: attempt } };
      if (outcome.kind === 'item') (options.onItemRejected ?? (() => 'retry'))(outcome.index);
      return RETRY;
    },
    busy,
    policy,
    environment,
  );
  // Contention made visible: 1 is the uncontended case, a rising average means hot resources.
  recordMetric('AllocationAttempts', result.attempts);
  return result;
}

export interface Release {
  resource: ResourceRef;
  allocation: { id: string; start: number };
}

const releaseDelete =
  (organizationId: string) =>
  (entry: Release): TransactItem => ({
    Delete: { TableName: tableName(), Key: keys.resourceAllocation(organizationId, entry.resource.type, entry.resource.id, iso(entry.allocation.start), entry.allocation.id) },
  });

/**
 * Deletes the allocations, with `items` in the same transaction (typically the owner's status
 * change conditioned on its current status). Returns the index of the first item whose condition
 * failed, or null when done. A deleted allocation frees its slot at once. The locks are left
 * alone: a release cannot create a conflict, so bumping them would only make concurrent
 * allocations of those stripes retry for nothing.
 */
export async function release(organizationId: string, releases: Release[], items: TransactItem[] = []): Promise<{ rejectedItem: number | null }> {
  const transaction: TransactItem[] = [...releases.map(releaseDelete(organizationId)), ...items];
  assertWithinLimits(transaction);
  return withRetry<{ rejectedItem: number | null }>(async () => {
    const outcome = await send(transaction, 0, releases.length);
    if (outcome.kind === 'done') return { done: { rejectedItem: null } };
    if (outcome.kind === 'item') return { done: { rejectedItem: outcome.index } };
    return RETRY;
  }, busy);
}
