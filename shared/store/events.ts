/**
 * Event repository: the Event item, its public slug marker and its children (registrations).
 * Slug uniqueness and concurrent edits are settled by conditional writes, never by reading first.
 */
import { decodeCursor, encodeCursor } from './cursor.ts';
import { randomHex } from '../random-hex.ts';
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { eventIndexPosition, eventIndexPositionOf } from './keys.ts';
import { EventEntity, EventSlugEntity } from './entities/events.ts';
import { cancellationReasons, isConditionalFailure, isTransientTransactionFailure } from './conditions.ts';
import { RETRY, withRetry } from '../domain/retry.ts';
import { queryCount, queryFirst } from './query.ts';
import { DomainError } from '../domain/errors.ts';
import { slugCandidate } from '../domain/slug.ts';
import type { Event, EventStatus } from '../domain/event.ts';
import type { OutboxRecord } from '../domain/domain-events.ts';
import { outboxPut } from './outbox.ts';
import { countOf, eventCountersUpdate, readEventCounts, statusChangeMoves } from './event-counters.ts';

/** The hold counter and the deletion marker on the event item (see eventHoldUpdate, deleteEvent). */
export const HOLD_ATTRIBUTES = { holds: 'activeHolds', deletingAt: 'deletingAt' } as const;

const MAX_SLUG_ATTEMPTS = 8;
const BATCH_SIZE = 25;

export const concurrentUpdate = () =>
  DomainError.of('conflict', 'CONCURRENT_UPDATE.event');

/**
 * Creates the event and claims its slug in one transaction. When the slug is taken the next
 * candidate is tried (base, base-2, ... then a random suffix).
 */
export async function insertEvent(build: (slug: string) => Event, baseSlug: string, outbox: (event: Event) => OutboxRecord | null = () => null): Promise<Event> {
  for (let attempt = 0; attempt < MAX_SLUG_ATTEMPTS; attempt++) {
    const slug = slugCandidate(baseSlug, attempt, () => randomHex(3));
    const event = build(slug);
    const record = outbox(event);
    // Simultaneous creations of events with one title race for one slug item: real DynamoDB cancels
    // them as conflicts (nothing refused), and the same candidate is tried again under the one
    // retry policy; a taken slug moves on to the next candidate.
    const outcome = await withRetry<'created' | 'slug-taken'>(
      async () => {
        try {
          await documentClient.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: tableName(), Item: EventEntity.toItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
                {
                  Put: {
                    TableName: tableName(),
                    Item: EventSlugEntity.toItem({ slug, eventId: event.id, organizationId: event.organizationId }),
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                ...(record ? [outboxPut(record)] : []),
                // Last, so the reasons of the event (0) and the slug (1) keep their places.
                eventCountersUpdate(event.organizationId, { [event.status]: 1 })!,
              ],
            }),
          );
          return { done: 'created' };
        } catch (error) {
          if (isTransientTransactionFailure(error)) return RETRY;
          const reasons = cancellationReasons(error);
          if (reasons?.[1] === 'ConditionalCheckFailed' && reasons[0] !== 'ConditionalCheckFailed') return { done: 'slug-taken' };
          throw error;
        }
      },
      concurrentUpdate,
    );
    if (outcome === 'created') return event;
  }
  throw DomainError.of('conflict', 'SLUG_UNAVAILABLE');
}

export interface EventReadOptions {
  /** Also return an event whose deletion has begun (the delete that finishes it, cancellations). */
  includeDeleting?: boolean;
}

/** An event whose deletion has begun is gone for every reader but the deletion itself. */
export async function getEvent(organizationId: string, eventId: string, consistent = false, options: EventReadOptions = {}): Promise<Event | null> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.event(organizationId, eventId), ConsistentRead: consistent }),
  );
  if (!Item || (Item.deletingAt !== undefined && !options.includeDeleting)) return null;
  return EventEntity.fromItem(Item);
}

/** Resolves a slug within the caller's organisation; another organisation's slug is not found. */
export async function getEventBySlug(organizationId: string, slug: string, consistent = false, options: EventReadOptions = {}): Promise<Event | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.eventSlug(slug) }));
  const marker = Item ? EventSlugEntity.fromItem(Item) : null;
  if (!marker || marker.organizationId !== organizationId) return null;
  return getEvent(organizationId, marker.eventId, consistent, options);
}

/** Lists leave out an event whose deletion has begun, as reads by id do. */
const NOT_DELETING = 'attribute_not_exists(#deletingAt)';

export interface EventPage {
  events: Event[];
  total: number;
}

/**
 * Offset pagination as the EventLite contract asks: skipped items are read, so offset is capped.
 * The total is the organisation's counter for the status asked (or all of them), read beside
 * the page: one round trip whatever the organisation's size. An event whose deletion crashed
 * half way is still counted (and hidden) until a second DELETE finishes it.
 */
export async function listEvents(organizationId: string, options: { status?: EventStatus; limit: number; offset: number }): Promise<EventPage> {
  const where = keys.eventsOfOrganization(organizationId, options.status);
  const base: QueryCommandInput = {
    TableName: tableName(),
    IndexName: where.index,
    KeyConditionExpression: `${where.index}pk = :pk`,
    FilterExpression: NOT_DELETING,
    ExpressionAttributeNames: { '#deletingAt': HOLD_ATTRIBUTES.deletingAt },
    ExpressionAttributeValues: { ':pk': where.pk },
  };
  const [events, counts] = await Promise.all([
    queryFirst(base, options.offset + options.limit).then((items) => items.slice(options.offset).map((item) => EventEntity.fromItem(item))),
    readEventCounts(organizationId),
  ]);
  return { events, total: countOf(counts, options.status) };
}

export interface EventCursorPage {
  events: Event[];
  /** Opaque; null when the walk is over. */
  nextCursor: string | null;
}

/** Items a single list request may read, so that a very selective filter cannot scan a whole organisation at once. */
const MAX_EVALUATED_PER_PAGE = 500;
const FILTERED_BATCH = 100;

/** A decoded cursor is only used if it is a position of this organisation's index (see eventIndexPosition). */
const decodeEventCursor = (cursor: string, organizationId: string, status: EventStatus | undefined, startsBefore: string | undefined) =>
  decodeCursor(
    cursor,
    (decoded) => eventIndexPosition(organizationId, status, decoded),
    // Inside the range read: DynamoDB refuses a start key outside the key condition.
    (position) => startsBefore === undefined || Object.entries(position).every(([name, value]) => !name.endsWith('sk') || name === 'sk' || value < startsBefore),
  );

/**
 * Cursor pagination over an organisation's events, sorted by start. The cursor is the index
 * position to resume after; a decoded cursor is only used if it is a position of this
 * organisation's index (see eventIndexPosition). `accept` filters in code what a key condition
 * cannot express; a page then holds at most `limit` events and may hold fewer while
 * `nextCursor` is not null, when the read budget ran out first.
 */
export async function listEventPage(
  organizationId: string,
  options: { status?: EventStatus; startsBefore?: string; limit: number; cursor?: string; accept?: (event: Event) => boolean },
): Promise<EventCursorPage> {
  const where = keys.eventsOfOrganization(organizationId, options.status);
  let startKey: Record<string, unknown> | undefined = options.cursor ? decodeEventCursor(options.cursor, organizationId, options.status, options.startsBefore) : undefined;
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: where.index,
    KeyConditionExpression: options.startsBefore ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
    FilterExpression: NOT_DELETING,
    ExpressionAttributeNames: { '#pk': `${where.index}pk`, '#deletingAt': HOLD_ATTRIBUTES.deletingAt, ...(options.startsBefore ? { '#sk': `${where.index}sk` } : {}) },
    ExpressionAttributeValues: { ':pk': where.pk, ...(options.startsBefore ? { ':before': options.startsBefore } : {}) },
  };
  const matched: Record<string, unknown>[] = [];
  let evaluated = 0;
  for (;;) {
    // One item past the page tells whether another page exists without handing out a cursor to an empty one.
    const batch = options.accept ? Math.min(FILTERED_BATCH, MAX_EVALUATED_PER_PAGE - evaluated) : options.limit + 1 - matched.length;
    const page = await documentClient.send(new QueryCommand({ ...input, Limit: batch, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      evaluated++;
      if (options.accept && !options.accept(EventEntity.fromItem(item))) continue;
      if (matched.length === options.limit) {
        return { events: matched.map((m) => EventEntity.fromItem(m)), nextCursor: encodeCursor(eventIndexPositionOf(matched.at(-1)!, where.index)) };
      }
      matched.push(item);
    }
    if (!page.LastEvaluatedKey) return { events: matched.map((m) => EventEntity.fromItem(m)), nextCursor: null };
    startKey = page.LastEvaluatedKey;
    if (options.accept && evaluated >= MAX_EVALUATED_PER_PAGE) {
      // Everything up to LastEvaluatedKey was read, so resuming from there skips nothing.
      return { events: matched.map((m) => EventEntity.fromItem(m)), nextCursor: encodeCursor(eventIndexPositionOf(startKey, where.index)) };
    }
  }
}



/**
 * Attributes an event edit never writes: `activeHolds` moves with bookings and shifts, which do
 * not bump the version (an edit must not retry because equipment was booked), so an edit that
 * put back what it read would undo a concurrent hold; `deletingAt` belongs to the deletion; the registration
 * counters move with registrations (shared/store/registrations.ts), which do not bump the version either.
 */
const NOT_REPLACED = new Set(['pk', 'sk', 'activeHolds', 'deletingAt', 'confirmedCount', 'waitlistCount']);

/**
 * Writes a new version of the event only if nobody else wrote one since `previous` (the version
 * read, and its status) and its deletion has not begun. An update of every attribute but
 * NOT_REPLACED rather than a Put, so that the hold counter written meanwhile survives. A status
 * change moves the organisation's counters in the same transaction: the version condition
 * makes the move happen exactly once.
 */
export async function replaceEvent(event: Event, previous: Pick<Event, 'version' | 'status'>, outbox: OutboxRecord | null = null): Promise<void> {
  const names: Record<string, string> = { '#version': 'version', '#deletingAt': 'deletingAt' };
  const values: Record<string, unknown> = { ':previous': previous.version };
  const sets: string[] = [];
  Object.entries(EventEntity.toItem(event))
    .filter(([name, value]) => !NOT_REPLACED.has(name) && value !== undefined)
    .forEach(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      sets.push(`#a${i} = :a${i}`);
    });
  const guard = registrationGuard(event, names, values);
  const update = {
    TableName: tableName(),
    Key: keys.event(event.organizationId, event.id),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: `attribute_exists(pk) AND #version = :previous AND attribute_not_exists(#deletingAt)${guard}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
  const counters = eventCountersUpdate(event.organizationId, statusChangeMoves(previous.status, event.status));
  try {
    // A change that emits an event (publication, cancellation) carries its outbox record in the same transaction.
    if (outbox || counters) {
      await documentClient.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...(outbox ? [outboxPut(outbox)] : []), ...(counters ? [counters] : [])] }));
    } else await documentClient.send(new UpdateCommand(update));
  } catch (error) {
    // Lost to timing (another status change on the counter item): the caller's retry reads again and writes the same.
    if (isConditionalFailure(error) || cancellationReasons(error)?.[0] === 'ConditionalCheckFailed' || isTransientTransactionFailure(error)) throw concurrentUpdate();
    throw error;
  }
}

/**
 * What the edit judged from the counters it read must still hold at commit, since registrations
 * move them without bumping the version: the capacity stays at or above the confirmed count, and
 * an event goes back to DRAFT only while nobody is registered.
 */
function registrationGuard(event: Event, names: Record<string, string>, values: Record<string, unknown>): string {
  let guard = '';
  if (event.capacity !== null) {
    names['#confirmedCount'] = 'confirmedCount';
    values[':capacity'] = event.capacity;
    guard += ' AND (attribute_not_exists(#confirmedCount) OR #confirmedCount <= :capacity)';
  }
  if (event.status === 'DRAFT') {
    names['#confirmedCount'] = 'confirmedCount';
    names['#waitlistCount'] = 'waitlistCount';
    values[':noRegistration'] = 0;
    guard += ' AND (attribute_not_exists(#confirmedCount) OR #confirmedCount <= :noRegistration) AND (attribute_not_exists(#waitlistCount) OR #waitlistCount <= :noRegistration)';
  }
  return guard;
}

/**
 * Bookings and shifts that still hold resources for the event. They live in the resources'
 * partitions, not the event's, so deleting the event would leave their allocations blocking
 * equipment and technicians: the caller cancels them first.
 */
export async function countActiveHoldsOfEvent(organizationId: string, eventId: string): Promise<{ bookings: number; shifts: number }> {
  const active = (where: { index: 'gsi1'; pk: string }) =>
    queryCount({
      TableName: tableName(),
      IndexName: where.index,
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: '#status <> :cancelled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pk': where.pk, ':cancelled': 'cancelled' },
    });
  const [bookings, shifts] = await Promise.all([active(keys.bookingsOfEvent(organizationId, eventId)), active(keys.shiftsOfEvent(organizationId, eventId))]);
  return { bookings, shifts };
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The hold counter. `activeHolds` on the event item counts its non-cancelled bookings and shifts;
 * every transaction that creates or cancels one moves it, so the counter and the holds cannot
 * disagree, and a deletion that has begun (`deletingAt`) refuses the next hold in the same
 * transaction instead of after a read. ADD treats a missing counter as 0 (events written before
 * it). It does not move `version`: event edits must not retry because something was booked
 * (replaceEvent never writes the counter back).
 */

/** The condition an allocation puts on its event: it exists, is not cancelled, is not being deleted. */
const OPEN_EVENT_CONDITION = 'attribute_exists(pk) AND #status <> :cancelledEvent AND attribute_not_exists(#deletingAt)';

/** A hold taken (+1) or given back (-1) on the event, inside the hold's own transaction. */
export function eventHoldUpdate(organizationId: string, eventId: string, delta: 1 | -1): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.event(organizationId, eventId),
      UpdateExpression: 'ADD #holds :delta',
      // Giving back only needs the event to exist (ADD would otherwise create a bare item).
      ConditionExpression: delta > 0 ? OPEN_EVENT_CONDITION : 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#holds': HOLD_ATTRIBUTES.holds, ...(delta > 0 ? { '#status': 'status', '#deletingAt': HOLD_ATTRIBUTES.deletingAt } : {}) },
      ExpressionAttributeValues: { ':delta': delta, ...(delta > 0 ? { ':cancelledEvent': 'CANCELLED' } : {}) },
    },
  };
}

/** A transaction's check that the event is open (exists, not cancelled, not being deleted), without taking a hold. */
export function openEventCheck(organizationId: string, eventId: string) {
  return {
    TableName: tableName(),
    Key: keys.event(organizationId, eventId),
    ConditionExpression: OPEN_EVENT_CONDITION,
    ExpressionAttributeNames: { '#status': 'status', '#deletingAt': HOLD_ATTRIBUTES.deletingAt },
    ExpressionAttributeValues: { ':cancelledEvent': 'CANCELLED' },
  };
}

export type EventDeletion = { deleted: true; children: number } | { deleted: false; holds: { bookings: number; shifts: number } };

/**
 * The one way to delete an event, from any surface. First the event stops taking holds: a
 * conditional write sets `deletingAt` only while its counter is 0, so either a concurrent
 * booking/shift commits first (and the deletion is refused) or the deletion does (and the
 * booking's own condition fails): never both. Then the holds are also counted from the indexes,
 * for events whose holds predate the counter. Then children, then the event and its slug; a
 * crash half way leaves a deleting event (404 to readers) that a second DELETE finishes.
 */
export async function deleteEvent(event: Event, now: Date, options: { beforeChildren?: () => Promise<void> } = {}): Promise<EventDeletion> {
  let status: EventStatus;
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.event(event.organizationId, event.id),
        UpdateExpression: 'SET #deletingAt = if_not_exists(#deletingAt, :now)',
        // <= rather than =: a counter started on an event that already had holds may dip below 0;
        // the index count below is then the judge.
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#holds) OR #holds <= :zero)',
        ExpressionAttributeNames: { '#deletingAt': HOLD_ATTRIBUTES.deletingAt, '#holds': HOLD_ATTRIBUTES.holds },
        ExpressionAttributeValues: { ':now': now.toISOString(), ':zero': 0 },
        // The status as it stands once the deletion has begun (no edit changes it from then on): the counter it leaves.
        ReturnValues: 'ALL_NEW',
      }),
    );
    status = (Attributes?.status as EventStatus | undefined) ?? event.status;
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
    if (!(await getEvent(event.organizationId, event.id, true, { includeDeleting: true }))) throw eventGone();
    return { deleted: false, holds: await countActiveHoldsOfEvent(event.organizationId, event.id) };
  }
  const holds = await countActiveHoldsOfEvent(event.organizationId, event.id);
  if (holds.bookings + holds.shifts > 0) {
    await reopenEvent(event);
    return { deleted: false, holds };
  }
  // What lives outside the event's partition (its documents and their objects), while the event
  // still exists (deleting): a failure there leaves it for a second DELETE to finish.
  await options.beforeChildren?.();
  const { children } = await deleteEventAndChildren({ ...event, status });
  return { deleted: true, children };
}

const eventGone = () => DomainError.of('not_found', 'NOT_FOUND.event');

/** Takes back a deletion that found holds the counter did not know about. */
async function reopenEvent(event: Event): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.event(event.organizationId, event.id),
      UpdateExpression: 'REMOVE #deletingAt',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#deletingAt': HOLD_ATTRIBUTES.deletingAt },
    }),
  );
}

/**
 * Deletes the event's children in bounded batches (25 per BatchWriteItem, retrying unprocessed
 * items), then the event and its slug marker together. Children go first so that a failure half
 * way leaves the (deleting) event that a second DELETE finishes, never orphans.
 */
async function deleteEventAndChildren(event: Event): Promise<{ children: number }> {
  const { pk } = keys.eventChildren(event.organizationId, event.id);
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: 'pk, sk',
        Limit: 500,
        ExclusiveStartKey: startKey,
      }),
    );
    const itemKeys = (page.Items ?? []) as { pk: string; sk: string }[];
    for (let i = 0; i < itemKeys.length; i += BATCH_SIZE) {
      await batchDelete(itemKeys.slice(i, i + BATCH_SIZE));
    }
    deleted += itemKeys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  // The counter moves only with the delete that removes the event (a second DELETE finds it gone);
  // simultaneous deletions of other events conflict on the counter item and simply go again.
  await withRetry<true>(
    async () => {
      try {
        await documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: tableName(),
                  Key: keys.event(event.organizationId, event.id),
                  ConditionExpression: 'attribute_exists(pk) AND #status = :status',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':status': event.status },
                },
              },
              {
                Delete: {
                  TableName: tableName(),
                  Key: keys.eventSlug(event.slug),
                  ConditionExpression: 'attribute_not_exists(pk) OR eventId = :id',
                  ExpressionAttributeValues: { ':id': event.id },
                },
              },
              eventCountersUpdate(event.organizationId, { [event.status]: -1 })!,
            ],
          }),
        );
        return { done: true };
      } catch (error) {
        if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw eventGone();
        if (isTransientTransactionFailure(error)) return RETRY;
        throw error;
      }
    },
    concurrentUpdate,
  );
  return { children: deleted };
}

async function batchDelete(itemKeys: { pk: string; sk: string }[]) {
  let pending = itemKeys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt) * Math.random()));
    if (attempt >= 8) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed after ${attempt} attempts`);
    const result = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
    pending = (result.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
  }
}
