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
 *
 * Equipment stripes also keep a usage counter (`usage` on the lock item: the quantity of every
 * allocation touching the stripe), moved in the same transaction as the allocations. When the
 * counters alone prove that an allocation fits (usage + quantity <= capacity on every stripe it
 * touches), the transaction conditions each lock on that inequality instead of on its version and
 * reads no allocation: the cost no longer follows how many allocations the window holds. When
 * they do not (the stripe is full by the counters' coarser measure, or a counter is unknown), the
 * exact protocol above decides and writes the stripes' recounted usage. docs/equipment.md.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { type Key } from './keys.ts';
import { defineEntity } from './entity.ts';
import { cancellationReasons, isTransientTransactionFailure } from './conditions.ts';
import { queryAll } from './query.ts';
import { batchGet } from './batch-get.ts';
import { DomainError } from '../domain/errors.ts';
import { DEFAULT_RETRY_POLICY, RETRY, withRetry } from '../domain/retry.ts';
import {
  countersAdmit,
  findConflicts,
  LOCK_STRIPE_MS,
  MAX_ALLOCATION_MS,
  overlaps,
  spanOfStripes,
  stripesOf,
  usageByStripe,
  type Allocation,
  type AllocationConflict,
  type Interval,
} from '../domain/allocation.ts';
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
  /** The stripes whose locks were read; a stripe listed but absent from `locks` has no lock yet. */
  stripes: readonly number[];
  locks: Map<number, LockState>;
  /**
   * Every allocation that overlaps `covers` is in `allocations` (read after the versions). A counted
   * resource needs it to cover its stripes whole (their usage is recounted from it).
   */
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
  /** Counted resources: the quantity of the allocations touching the stripe. */
  usage?: number;
  updatedAt: string;
}

export const resourceLockEntity = defineEntity<ResourceLock, Key, { stripe: number; version: number }>({
  name: 'ResourceLock',
  key: ({ organizationId, resource, stripe }) => keys.resourceLock(organizationId, resource.type, resource.id, stripe),
  encode: ({ resource, stripe, version, usage, updatedAt }) => ({ version, ...(usage === undefined ? {} : { usage }), resourceType: resource.type, resourceId: resource.id, stripe, updatedAt }),
  decode: (item) => ({ stripe: Number(item.stripe), version: Number(item.version) }),
});

/**
 * The SET clause writing every attribute of `item` but its key (and those in `except`): items
 * written by update expressions (conditions on a version, ADD on a counter) keep their entity's attributes.
 */
export function setAttributes(item: Record<string, unknown>, except: readonly string[] = []): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  // One pass: every booking and shift writes a few of these (a lock per stripe, the schedule).
  let expression = '';
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(item)) {
    if (name === 'pk' || name === 'sk' || except.includes(name)) continue;
    expression += `${expression ? ', ' : ''}#${name} = :${name}`;
    names[`#${name}`] = name;
    values[`:${name}`] = item[name];
  }
  return { expression, names, values };
}

// ---------------------------------------------------------------------------------------------
// Usage counters.

/**
 * Resources whose stripes keep usage counters: equipment, where a stock's window can hold
 * thousands of allocations. Technicians are units whose allocations over the labour rules' range
 * are read anyway; counting theirs would only add one item per stripe to every shift's transactions.
 */
export const isCounted = (resource: ResourceRef): boolean => resource.type === 'equipment';

/**
 * What a release writes on a counter it did not read: a counter the lock never had (written
 * before counters existed) becomes this, far above any stock, so no counter check passes on it
 * until the exact protocol recounts the stripe. Keeps every counter at or above the truth.
 */
export const UNKNOWN_USAGE = 2 ** 50;

/** A lock as read: its version and, on a counted resource, its usage (null: none recorded yet). */
export interface LockState {
  version: number;
  usage: number | null;
}

/** The counters of read locks, as the domain's countersAdmit takes them. */
const countersOf = (locks: ReadonlyMap<number, LockState>) => new Map([...locks].map(([stripe, lock]) => [stripe, lock.usage]));

/** Adds `delta` to a stripe's counter without reading it (a release): see UNKNOWN_USAGE. Moves no version. */
function counterMove(organizationId: string, resource: ResourceRef, stripe: number, delta: number, now: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.resourceLock(organizationId, resource.type, resource.id, stripe),
      UpdateExpression: 'SET #usage = if_not_exists(#usage, :unknown) + :delta, #updatedAt = :now',
      ExpressionAttributeNames: { '#usage': 'usage', '#updatedAt': 'updatedAt' },
      ExpressionAttributeValues: { ':unknown': UNKNOWN_USAGE, ':delta': delta, ':now': now },
    },
  };
}

/**
 * The counter path's lock write: the stripe's usage moves by `delta` on condition that it stays
 * within `capacity` (the invariant, checked by DynamoDB at commit, not read before), and the
 * version is bumped so that an exact-path allocation that read this stripe meanwhile retries. A
 * lock never written counts 0; a lock without a counter fails the condition (the exact path then
 * recounts it).
 */
function counterBump(organizationId: string, resource: ResourceRef, stripe: number, delta: number, capacity: number, now: string): TransactItem {
  const set = setAttributes(resourceLockEntity.toItem({ organizationId, resource, stripe, version: 0, updatedAt: now }), ['version']);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.resourceLock(organizationId, resource.type, resource.id, stripe),
      UpdateExpression: `SET #usage = if_not_exists(#usage, :zero) + :delta, ${set.expression} ADD #version :one`,
      ConditionExpression: delta > 0 ? 'attribute_not_exists(pk) OR #usage <= :limit' : 'attribute_not_exists(pk) OR attribute_exists(#usage)',
      ExpressionAttributeNames: { '#usage': 'usage', '#version': 'version', ...set.names },
      ExpressionAttributeValues: { ':zero': 0, ':delta': delta, ':one': 1, ...set.values, ...(delta > 0 ? { ':limit': capacity - delta } : {}) },
    },
  };
}

/** Per counted resource and stripe, what the allocations add (positive) and the releases free (negative). */
function usageDeltas(requests: readonly AllocationRequest[], releases: readonly Release[]): Map<string, { resource: ResourceRef; deltas: Map<number, number> }> {
  const byResource = new Map<string, { resource: ResourceRef; deltas: Map<number, number> }>();
  const add = (resource: ResourceRef, interval: Interval, quantity: number) => {
    if (!isCounted(resource)) return;
    const entry = byResource.get(resourceKey(resource)) ?? { resource, deltas: new Map<number, number>() };
    for (const stripe of stripesOf([interval])) entry.deltas.set(stripe, (entry.deltas.get(stripe) ?? 0) + quantity);
    byResource.set(resourceKey(resource), entry);
  };
  for (const request of requests) add(request.resource, request.allocation, request.allocation.quantity);
  for (const entry of releases) add(entry.resource, entry.allocation, -entry.allocation.quantity);
  return byResource;
}

// ---------------------------------------------------------------------------------------------
// Reads.

/**
 * The locks (versions and usage counters) of several resources' stripes in one BatchGet, by
 * `resourceKey`; a lock never written is absent (version 0). Consistent unless asked otherwise (a
 * display): it is what a write is conditioned on. One round trip however many resources a write holds.
 */
export async function readLocksOf(
  organizationId: string,
  wanted: readonly { resource: ResourceRef; stripes: readonly number[] }[],
  options: { consistent?: boolean } = {},
): Promise<Map<string, Map<number, LockState>>> {
  const versions = new Map(wanted.map((entry) => [resourceKey(entry.resource), new Map<number, LockState>()]));
  // Each answer is matched to what was asked by its key.
  const asked = new Map<string, { versions: Map<number, LockState>; stripe: number; key: Key }>();
  for (const entry of wanted) {
    for (const stripe of entry.stripes) {
      const key = keys.resourceLock(organizationId, entry.resource.type, entry.resource.id, stripe);
      asked.set(`${key.pk}\n${key.sk}`, { versions: versions.get(resourceKey(entry.resource))!, stripe, key });
    }
  }
  if (asked.size === 0) return versions;
  const items = await batchGet(
    [...asked.values()].map((entry) => entry.key),
    { consistent: options.consistent ?? true, attributes: ['pk', 'sk', 'version', 'usage'] },
  );
  for (const item of items) {
    const entry = asked.get(`${String(item.pk)}\n${String(item.sk)}`);
    // A lock a release created without a version (it should not happen) is read as version 0.
    const version = Number(item.version ?? 0);
    if (entry && Number.isFinite(version)) entry.versions.set(entry.stripe, { version, usage: typeof item.usage === 'number' ? item.usage : null });
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

/**
 * The usage counters of the resource's stripes from the one holding `from` on (consistent), null
 * where a lock has none. One item per stripe ever allocated, not per allocation.
 */
export async function readCountersFrom(organizationId: string, resource: ResourceRef, from: number): Promise<Map<number, number | null>> {
  const where = keys.resourceLocksFrom(organizationId, resource.type, resource.id, Math.floor(from / LOCK_STRIPE_MS));
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': where.pk, ':from': where.skFrom, ':to': where.skTo },
    ProjectionExpression: 'stripe, #usage',
    ExpressionAttributeNames: { '#usage': 'usage' },
    ConsistentRead: true,
  });
  return new Map(items.map((item) => [Number(item.stripe), typeof item.usage === 'number' ? item.usage : null]));
}

// ---------------------------------------------------------------------------------------------
// Writes.

/**
 * Bumps a stripe's lock on condition that its version is still the one `read` (absent when
 * undefined). On a counted resource it writes the stripe's recounted usage, on condition that the
 * counter is also still the one read: a release moves counters without bumping versions (it cannot
 * create a conflict), so a release committed between this write's reads and its commit would
 * otherwise be undone by the recount, which still holds the released allocation.
 */
function lockBump(organizationId: string, resource: ResourceRef, stripe: number, read: LockState | undefined, now: string, usage?: number): TransactItem {
  const lock = { organizationId, resource, stripe, version: (read?.version ?? 0) + 1, usage, updatedAt: now };
  const set = setAttributes(resourceLockEntity.toItem(lock), ['version']);
  const versionCondition = read === undefined ? 'attribute_not_exists(#version)' : '#version = :read';
  const counterCondition = usage === undefined ? '' : read?.usage == null ? ' AND attribute_not_exists(#usage)' : ' AND #usage = :readUsage';
  return {
    Update: {
      TableName: tableName(),
      Key: resourceLockEntity.key(lock),
      UpdateExpression: `SET #version = :next, ${set.expression}`,
      ConditionExpression: versionCondition + counterCondition,
      ExpressionAttributeNames: { '#version': 'version', ...set.names },
      ExpressionAttributeValues: {
        ':next': lock.version,
        ...set.values,
        ...(read === undefined ? {} : { ':read': read.version }),
        ...(usage !== undefined && read?.usage != null ? { ':readUsage': read.usage } : {}),
      },
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

type Outcome = { kind: 'retry' } | { kind: 'transient' } | { kind: 'item'; index: number } | { kind: 'done' } | { kind: 'fixed'; error: Error };

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
    if (isTransientTransactionFailure(error)) return { kind: 'transient' };
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    if (reasons.slice(0, lockCount).some((reason) => reason === 'ConditionalCheckFailed')) return { kind: 'retry' };
    const fixed = reasons.slice(lockCount, lockCount + fixedCount).findIndex((reason) => reason !== 'None');
    if (fixed >= 0) return { kind: 'fixed', error: new Error(`Allocation item ${fixed} refused (${reasons[lockCount + fixed]}): allocation id reused within its resource`, { cause: error }) };
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
 *
 * Counted resources (isCounted) first try the counter path: when the stripes' usage counters, read
 * with the versions, admit every request, the transaction conditions the counters and reads no
 * allocation. Otherwise, and for the rest of the call once the counters refused at commit, the
 * exact protocol (versions, then allocations) decides.
 */
export async function allocate<P extends AllocationPlan>(
  organizationId: string,
  plan: (attempt: number) => Promise<P> | P,
  options: AllocateOptions = {},
): Promise<AllocateResult<P>> {
  const { policy, environment } = retryOf(options);
  const tooLargeError = (count: number, detail: string) => options.tooLarge?.(count) ?? tooLarge(detail);
  let exactOnly = false;
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
      const releases = current.reallocation?.releases ?? [];
      // The same key is replaced by its Put: one transaction cannot touch an item twice.
      const puts = new Set(current.requests.map((request) => `${resourceKey(request.resource)}#${request.allocation.start}`));
      const deletes = releases.filter((entry) => !puts.has(`${resourceKey(entry.resource)}#${entry.allocation.start}`)).map(releaseDelete(organizationId));
      const stripes = resources.map((group) => stripesOf(group.requests.map((request) => request.allocation)));
      const deltas = usageDeltas(current.requests, releases);
      // Stripes only freed (a re-allocation moving away): their counters move, their locks need no bump.
      const freedOnly = [...deltas.values()].flatMap(({ resource, deltas: perStripe }) => {
        const locked = new Set(stripes[resources.findIndex((group) => resourceKey(group.resource) === resourceKey(resource))] ?? []);
        return [...perStripe].filter(([stripe]) => !locked.has(stripe)).map(([stripe, delta]) => ({ resource, stripe, delta }));
      });
      const lockCount = stripes.reduce((sum, list) => sum + list.length, 0) + freedOnly.length;
      const count = lockCount + deletes.length + current.requests.length + extra.length;
      if (count > MAX_TRANSACTION_ITEMS) throw tooLargeError(count, `${count} items, ${MAX_TRANSACTION_ITEMS} at most`);

      // Versions strictly before allocations: see the module comment. What the plan read in that
      // order at this attempt stands in for both reads. A counted resource reads its stripes whole:
      // their usage is recounted from what is read.
      const windows = resources.map((group, i) =>
        isCounted(group.resource)
          ? spanOfStripes(stripes[i]!)
          : {
              start: Math.min(...group.requests.map((request) => request.allocation.start)),
              end: Math.max(...group.requests.map((request) => request.allocation.end)),
            },
      );
      // Prefetched locks serve when they hold every stripe; prefetched allocations when they also
      // cover the window (read after those locks, they keep the protocol's order; so does a query
      // sent now after prefetched locks).
      const prefetchedLocks = resources.map((group, i) => {
        const entry = current.prefetched?.get(resourceKey(group.resource));
        return entry && stripes[i]!.every((stripe) => entry.stripes.includes(stripe)) ? entry : undefined;
      });
      const prefetched = prefetchedLocks.map((entry, i) => (entry && entry.covers.start <= windows[i]!.start && entry.covers.end >= windows[i]!.end ? entry : undefined));
      const toRead = resources.flatMap((group, i) => (prefetchedLocks[i] ? [] : [{ resource: group.resource, stripes: stripes[i]! }]));
      const read = await readLocksOf(organizationId, toRead);
      const locks = resources.map((group, i) => prefetchedLocks[i]?.locks ?? read.get(resourceKey(group.resource))!);
      const now = new Date().toISOString();
      const freedItems = freedOnly.map(({ resource, stripe, delta }) => counterMove(organizationId, resource, stripe, delta, now));
      const deltasOf = (group: { resource: ResourceRef }) => deltas.get(resourceKey(group.resource))?.deltas ?? new Map<number, number>();

      // Per resource: the counters prove it fits (no allocation read), or the exact protocol decides.
      const byCounter = resources.map((group, i) => !exactOnly && isCounted(group.resource) && countersAdmit(countersOf(locks[i]!), deltasOf(group), group.capacity));
      const found = await Promise.all(
        resources.map(async (group, i) => {
          if (byCounter[i]) return [];
          const window = windows[i]!;
          return prefetched[i]
            ? prefetched[i].allocations.filter((allocation) => overlaps(allocation, window))
            : await readAllocations(organizationId, group.resource, window, { consistent: true });
        }),
      );
      const existing = found.map((allocations) => (owner === undefined ? allocations : allocations.filter((allocation) => allocation.ownerId !== owner)));

      // Every allocation already there: an earlier attempt committed although its answer was lost.
      // (A re-allocation knows that from its owner's own write token instead.)
      const alreadyDone =
        owner === undefined &&
        current.requests.length > 0 &&
        !byCounter.some(Boolean) &&
        resources.every((group, i) =>
          group.requests.every((request) => existing[i]!.some((allocation) => allocation.id === request.allocation.id && allocation.start === request.allocation.start && allocation.end === request.allocation.end)),
        );
      if (alreadyDone) return { done: { ok: true, plan: current, attempts: attempt } };

      const conflicts: ResourceConflict[] = resources.flatMap((group, i) =>
        byCounter[i] ? [] : findConflicts(
          existing[i]!,
          group.requests.map((request) => request.allocation),
          group.capacity,
        ).map((conflict) => ({ resource: group.resource, conflict })),
      );
      if (conflicts.length > 0) return { done: { ok: false, plan: current, conflicts, attempts: attempt } };

      // The counters as the transaction leaves them, recounted from what was read (the version
      // conditions guarantee nothing was allocated there since): what stays, less what is deleted,
      // plus what is added. This also gives a counter to a lock written before counters existed.
      const recounts = resources.map((group, i) => {
        if (!isCounted(group.resource) || byCounter[i]) return undefined;
        const deleted = new Set(releases.filter((entry) => resourceKey(entry.resource) === resourceKey(group.resource)).map((entry) => `${entry.allocation.id}#${entry.allocation.start}`));
        const staying = found[i]!.filter((allocation) => !deleted.has(`${allocation.id}#${allocation.start}`));
        return usageByStripe([...staying, ...group.requests.map((request) => request.allocation)], stripes[i]!);
      });
      const items = [
        ...resources.flatMap((group, i) =>
          stripes[i]!.map((stripe) =>
            byCounter[i]
              ? counterBump(organizationId, group.resource, stripe, deltasOf(group).get(stripe) ?? 0, group.capacity, now)
              : lockBump(organizationId, group.resource, stripe, locks[i]!.get(stripe), now, recounts[i]?.get(stripe)),
          ),
        ),
        ...freedItems,
        ...deletes,
        ...current.requests.map((request) => allocationPut(organizationId, request, now, owner)),
        ...extra,
      ];
      assertWithinLimits(items, tooLargeError);
      const outcome = await send(items, lockCount, deletes.length + current.requests.length);
      if (outcome.kind === 'done') return { done: { ok: true, plan: current, attempts: attempt } };
      if (outcome.kind === 'item') (options.onItemRejected ?? (() => 'retry'))(outcome.index);
      // Contention (real DynamoDB cancels concurrent transactions on one lock): the counters may
      // still admit the request at the next attempt.
      else if (outcome.kind === 'transient') return RETRY;
      else if (byCounter.some(Boolean)) {
        // A counter refused at commit (the stock filled meanwhile), or an allocation of ours is
        // already there (an earlier attempt committed): only the exact protocol can tell which.
        exactOnly = true;
      } else if (outcome.kind === 'fixed') throw outcome.error;
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

/** An allocation to delete: its key (resource, id, start), and its end and quantity for the counters. */
export interface Release {
  resource: ResourceRef;
  allocation: { id: string; start: number; end: number; quantity: number };
}

const releaseDelete =
  (organizationId: string) =>
  (entry: Release): TransactItem => ({
    Delete: { TableName: tableName(), Key: keys.resourceAllocation(organizationId, entry.resource.type, entry.resource.id, iso(entry.allocation.start), entry.allocation.id) },
  });

/**
 * Deletes the allocations, with `items` in the same transaction (typically the owner's status
 * change conditioned on its current status), and takes their quantity off the counted stripes'
 * usage. Returns the index of the first item whose condition failed, or null when done. A deleted
 * allocation frees its slot at once. The versions are left alone: a release cannot create a
 * conflict, so bumping them would only make concurrent allocations of those stripes retry for
 * nothing. The caller's conditions must guarantee the allocations exist (a confirmed booking, the
 * shift at the version read): a counter is lowered for each one named.
 */
export async function release(organizationId: string, releases: Release[], items: TransactItem[] = []): Promise<{ rejectedItem: number | null }> {
  const now = new Date().toISOString();
  const counters = [...usageDeltas([], releases).values()].flatMap(({ resource, deltas }) =>
    [...deltas].map(([stripe, delta]) => counterMove(organizationId, resource, stripe, delta, now)),
  );
  const transaction: TransactItem[] = [...counters, ...releases.map(releaseDelete(organizationId)), ...items];
  assertWithinLimits(transaction);
  return withRetry<{ rejectedItem: number | null }>(async () => {
    const outcome = await send(transaction, counters.length, releases.length);
    if (outcome.kind === 'done') return { done: { rejectedItem: null } };
    if (outcome.kind === 'item') return { done: { rejectedItem: outcome.index } };
    if (outcome.kind === 'fixed') throw outcome.error;
    return RETRY;
  }, busy);
}
