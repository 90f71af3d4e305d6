/**
 * Event repository: the Event item, its public slug marker and its children (registrations).
 * Slug uniqueness and concurrent edits are settled by conditional writes, never by reading first.
 */
import { decodeCursor, encodeCursor } from './cursor.ts';
import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { eventIndexPosition, eventIndexPositionOf, keys, withoutKeys } from './keys.ts';
import { cancellationReasons, isConditionalFailure } from './conditions.ts';
import { queryCount } from './query.ts';
import { DomainError } from '../domain/errors.ts';
import { slugCandidate } from '../domain/slug.ts';
import type { Event, EventStatus } from '../domain/event.ts';

const MAX_SLUG_ATTEMPTS = 8;
const BATCH_SIZE = 25;

const toItem = (event: Event) => ({
  ...keys.event(event.organizationId, event.id),
  ...keys.eventIndexes(event.organizationId, event.status, event.startAt, event.id),
  entity: 'Event',
  ...event,
});

export const concurrentUpdate = () =>
  new DomainError('conflict', 'CONCURRENT_UPDATE', {
    fr: "L'événement a été modifié en même temps ; réessayez",
    en: 'The event was changed concurrently; retry',
  });

/**
 * Creates the event and claims its slug in one transaction. When the slug is taken the next
 * candidate is tried (base, base-2, ... then a random suffix).
 */
export async function insertEvent(build: (slug: string) => Event, baseSlug: string): Promise<Event> {
  for (let attempt = 0; attempt < MAX_SLUG_ATTEMPTS; attempt++) {
    const slug = slugCandidate(baseSlug, attempt, () => randomBytes(3).toString('hex'));
    const event = build(slug);
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName(), Item: toItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: tableName(),
                Item: { ...keys.eventSlug(slug), entity: 'EventSlug', eventId: event.id, organizationId: event.organizationId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return event;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[1] === 'ConditionalCheckFailed' && reasons[0] !== 'ConditionalCheckFailed') continue;
      throw error;
    }
  }
  throw new DomainError('conflict', 'SLUG_UNAVAILABLE', { fr: 'Aucun slug libre pour ce titre', en: 'No free slug for this title' });
}

export async function getEvent(organizationId: string, eventId: string, consistent = false): Promise<Event | null> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.event(organizationId, eventId), ConsistentRead: consistent }),
  );
  return Item ? withoutKeys<Event>(Item) : null;
}

/** Resolves a slug within the caller's organisation; another organisation's slug is not found. */
export async function getEventBySlug(organizationId: string, slug: string, consistent = false): Promise<Event | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.eventSlug(slug) }));
  if (!Item || Item.organizationId !== organizationId) return null;
  return getEvent(organizationId, Item.eventId as string, consistent);
}

export interface EventPage {
  events: Event[];
  total: number;
}

/** Offset pagination as the EventLite contract asks: skipped items are read, so offset is capped. */
export async function listEvents(organizationId: string, options: { status?: EventStatus; limit: number; offset: number }): Promise<EventPage> {
  const where = keys.eventsOfOrganization(organizationId, options.status);
  const base: QueryCommandInput = {
    TableName: tableName(),
    IndexName: where.index,
    KeyConditionExpression: `${where.index}pk = :pk`,
    ExpressionAttributeValues: { ':pk': where.pk },
  };
  const [events, total] = await Promise.all([
    collect(base, options.offset + options.limit).then((items) => items.slice(options.offset).map((item) => withoutKeys<Event>(item))),
    queryCount(base),
  ]);
  return { events, total };
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
    ExpressionAttributeNames: { '#pk': `${where.index}pk`, ...(options.startsBefore ? { '#sk': `${where.index}sk` } : {}) },
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
      if (options.accept && !options.accept(withoutKeys<Event>(item))) continue;
      if (matched.length === options.limit) {
        return { events: matched.map((m) => withoutKeys<Event>(m)), nextCursor: encodeCursor(eventIndexPositionOf(matched.at(-1)!, where.index)) };
      }
      matched.push(item);
    }
    if (!page.LastEvaluatedKey) return { events: matched.map((m) => withoutKeys<Event>(m)), nextCursor: null };
    startKey = page.LastEvaluatedKey;
    if (options.accept && evaluated >= MAX_EVALUATED_PER_PAGE) {
      // Everything up to LastEvaluatedKey was read, so resuming from there skips nothing.
      return { events: matched.map((m) => withoutKeys<Event>(m)), nextCursor: encodeCursor(eventIndexPositionOf(startKey, where.index)) };
    }
  }
}

async function collect(input: QueryCommandInput, wanted: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new QueryCommand({ ...input, Limit: wanted - items.length, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < wanted);
  return items;
}


/** Writes a new version of the event only if nobody else wrote one since `previousVersion`. */
export async function replaceEvent(event: Event, previousVersion: number): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: toItem(event),
        ConditionExpression: 'attribute_exists(pk) AND #version = :previous',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':previous': previousVersion },
      }),
    );
  } catch (error) {
    if (isConditionalFailure(error)) throw concurrentUpdate();
    throw error;
  }
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

/**
 * Deletes the event's children in bounded batches (25 per BatchWriteItem, retrying unprocessed
 * items), then the event and its slug marker together. Children go first so that a failure half
 * way leaves a visible event that a second DELETE finishes, never orphans.
 */
export async function deleteEventAndChildren(event: Event): Promise<{ children: number }> {
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

  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: tableName(), Key: keys.event(event.organizationId, event.id), ConditionExpression: 'attribute_exists(pk)' } },
          {
            Delete: {
              TableName: tableName(),
              Key: keys.eventSlug(event.slug),
              ConditionExpression: 'attribute_not_exists(pk) OR eventId = :id',
              ExpressionAttributeValues: { ':id': event.id },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') {
      throw new DomainError('not_found', 'NOT_FOUND', 'Event not found');
    }
    throw error;
  }
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
