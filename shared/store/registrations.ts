/**
 * Registrations: their items and markers in the event's partition, and the transactions that keep
 * the event's counters (`confirmedCount`, `waitlistCount`) equal to them. Every counter move is a
 * conditional update in the same transaction as the registration it counts; the conditions are
 * the admission rules in DynamoDB's words (shared/domain/registration.ts), so a decision taken on a
 * stale read is refused at commit and retried, never written. docs/registrations.md.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { EventEntity, EventSlugEntity, RegistrationEmailEntity, RegistrationEntity, RegistrationTokenEntity, WaitlistEntryEntity } from './entities/events.ts';
import { cancellationReasons, isTransientTransactionFailure } from './conditions.ts';
import { queryAll, queryCount, queryFirst } from './query.ts';
import { getEvent, HOLD_ATTRIBUTES } from './events.ts';
import { outboxPut } from './outbox.ts';
import type { OutboxRecord } from '../domain/domain-events.ts';
import type { Admission, Registration, RegistrationStatus } from '../domain/registration.ts';
import type { Event } from '../domain/event.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const EVENT_NAMES = {
  '#status': 'status',
  '#capacity': 'capacity',
  '#confirmed': 'confirmedCount',
  '#waiting': 'waitlistCount',
  '#deletingAt': HOLD_ATTRIBUTES.deletingAt,
} as const;

/** The event takes registrations: it exists, is published and its deletion has not begun. */
const OPEN = 'attribute_exists(pk) AND attribute_not_exists(#deletingAt) AND #status = :published';
/** hasRoom(): nobody waits and a place is free (or the capacity is unlimited). */
const ROOM = '(attribute_not_exists(#waiting) OR #waiting <= :zero) AND (attribute_type(#capacity, :nullType) OR attribute_not_exists(#capacity) OR attribute_not_exists(#confirmed) OR #confirmed < #capacity)';
/** The complement of ROOM on a limited event with a waitlist: someone waits, or every place is taken. */
const WAITLIST = '#waitlist = :true AND attribute_type(#capacity, :numberType) AND (#waiting > :zero OR #confirmed >= #capacity)';

function eventCounterOnInsert(registration: Registration, admission: Admission): TransactItem {
  const confirm = admission === 'confirm';
  return {
    Update: {
      TableName: tableName(),
      Key: keys.event(registration.organizationId, registration.eventId),
      UpdateExpression: confirm ? 'SET #confirmed = if_not_exists(#confirmed, :zero) + :one' : 'SET #waiting = if_not_exists(#waiting, :zero) + :one',
      ConditionExpression: `${OPEN} AND ${confirm ? ROOM : WAITLIST}`,
      // A refused decision comes back with the event as it stood: decide again without re-reading it.
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      ExpressionAttributeNames: { ...EVENT_NAMES, ...(confirm ? {} : { '#waitlist': 'waitlist' }) },
      ExpressionAttributeValues: {
        ':published': 'PUBLISHED',
        ':zero': 0,
        ':one': 1,
        ...(confirm ? { ':nullType': 'NULL' } : { ':true': true, ':numberType': 'N' }),
      },
    },
  };
}

const put = (Item: Record<string, unknown>): TransactItem => ({ Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' } });

/**
 * What a cancelled transaction means for the caller: `retry` (a condition failed: start over from
 * fresh reads), `conflict` (another transaction or throttling: the same write may simply be tried
 * again), or a named refusal.
 */
export type WriteOutcome =
  | { kind: 'done' }
  // `event`: a refusal by the event's own condition (registrations) brings the event as the
  // refusing transaction read it (null: gone or being deleted), a strongly consistent read for free.
  | { kind: 'retry'; event?: Event | null }
  | { kind: 'conflict' }
  | { kind: 'duplicate' };

const AMBIGUOUS = new Set(['TransactionInProgressException', 'InternalServerError']);

async function transact(items: TransactItem[], duplicateAt?: number, eventAt?: number): Promise<WriteOutcome> {
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    return { kind: 'done' };
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) {
      // Ambiguous failures, after the SDK's own retries: the SDK retried (same ClientRequestToken)
      // while its first attempt still ran, or the service failed (DynamoDB Local answers a 500 "too
      // long waiting for a lock" under a burst). The write may or may not have landed: the callers'
      // conditions and markers tell on their next attempt (a registration finds its own id).
      if (isTransientTransactionFailure(error) || AMBIGUOUS.has((error as { name?: string })?.name ?? '')) return { kind: 'conflict' };
      throw error;
    }
    if (duplicateAt !== undefined && reasons[duplicateAt] === 'ConditionalCheckFailed') return { kind: 'duplicate' };
    if (eventAt !== undefined && reasons[eventAt] === 'ConditionalCheckFailed') return { kind: 'retry', event: eventOfRefusal(error, eventAt) };
    if (reasons.includes('ConditionalCheckFailed')) return { kind: 'retry' };
    // Nothing was refused: the same decision still holds, only the timing lost.
    if (isTransientTransactionFailure(error)) return { kind: 'conflict' };
    throw error;
  }
}

/**
 * Writes a new registration with its counter, its e-mail marker, its private-page token marker,
 * its waitlist entry when waitlisted, and its outbox record: all or nothing. `duplicate` when
 * the address already has a live registration for the event; `retry` when the event no longer
 * matches the admission (re-read it and decide again) or on a conflict.
 */
export function insertRegistration(registration: Registration, admission: Admission, tokenHash: string | null, event: OutboxRecord): Promise<WriteOutcome> {
  const marker = { organizationId: registration.organizationId, eventId: registration.eventId, registrationId: registration.id };
  const items: TransactItem[] = [
    eventCounterOnInsert(registration, admission),
    put(RegistrationEmailEntity.toItem({ ...marker, emailKey: registration.emailKey })),
    put(RegistrationEntity.toItem(registration)),
    ...(tokenHash ? [put(RegistrationTokenEntity.toItem({ ...marker, tokenHash }))] : []),
    ...(admission === 'waitlist' ? [put(WaitlistEntryEntity.toItem(marker))] : []),
    outboxPut(event),
  ];
  return transact(items, 1, 0);
}

function eventOfRefusal(error: unknown, at: number): Event | null {
  const item = (error as { CancellationReasons?: { Item?: Record<string, unknown> }[] }).CancellationReasons?.[at]?.Item;
  if (!item) return null;
  const stored = unmarshall(item as never);
  return stored[HOLD_ATTRIBUTES.deletingAt] !== undefined ? null : EventEntity.fromItem(stored);
}

const registrationUpdate = (registration: Registration, from: RegistrationStatus, set: Record<string, unknown>): TransactItem => {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': from };
  const sets = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.registration(registration.organizationId, registration.eventId, registration.id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(pk) AND #status = :from',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

const deleteWaitlistEntry = (organizationId: string, eventId: string, registrationId: string): TransactItem => ({
  Delete: { TableName: tableName(), Key: keys.waitlistEntry(organizationId, eventId, registrationId), ConditionExpression: 'attribute_exists(pk)' },
});

const eventUpdate = (organizationId: string, eventId: string, update: string, condition: string, values: Record<string, unknown>): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.event(organizationId, eventId),
    UpdateExpression: update,
    ConditionExpression: condition,
    ExpressionAttributeNames: Object.fromEntries(Object.entries(EVENT_NAMES).filter(([name]) => `${update} ${condition}`.includes(name))),
    ExpressionAttributeValues: values,
  },
});

export interface Cancellation {
  registration: Registration;
  cancelledAt: string;
  /** Epoch seconds: when the TTL deletes the cancelled registration. */
  expiresAt: number;
  /** The first waitlisted registration, promoted in the same transaction (a confirmed one cancelled only). */
  promote: Registration | null;
  /** The private page's token marker expires with the registration. */
  tokenHash?: string;
  events: OutboxRecord[];
}

/**
 * Cancels a registration and frees its place: a confirmed one hands it to `promote` (the head of
 * the waitlist, whose entry must still be there) or gives it back to the count, on condition that
 * nobody waits (else the caller read a stale waitlist); a waitlisted one leaves the waitlist.
 */
export function cancelRegistrationItems(cancellation: Cancellation): Promise<WriteOutcome> {
  const { registration: r, promote } = cancellation;
  const items: TransactItem[] = [
    registrationUpdate(r, r.status, { status: 'CANCELLED', cancelledAt: cancellation.cancelledAt, updatedAt: cancellation.cancelledAt, expiresAt: cancellation.expiresAt }),
    {
      Delete: {
        TableName: tableName(),
        Key: keys.registrationEmail(r.organizationId, r.eventId, r.emailKey),
        ConditionExpression: 'registrationId = :id',
        ExpressionAttributeValues: { ':id': r.id },
      },
    },
  ];
  if (cancellation.tokenHash) {
    items.push({
      Update: {
        TableName: tableName(),
        Key: keys.registrationToken(r.organizationId, r.eventId, cancellation.tokenHash),
        UpdateExpression: 'SET expiresAt = :expiresAt',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':expiresAt': cancellation.expiresAt },
      },
    });
  }
  if (r.status === 'WAITLISTED') {
    items.push(deleteWaitlistEntry(r.organizationId, r.eventId, r.id));
    items.push(eventUpdate(r.organizationId, r.eventId, 'SET #waiting = #waiting - :one', 'attribute_exists(pk) AND #waiting > :zero', { ':one': 1, ':zero': 0 }));
  } else if (promote) {
    items.push(deleteWaitlistEntry(promote.organizationId, promote.eventId, promote.id));
    items.push(registrationUpdate(promote, 'WAITLISTED', { status: 'CONFIRMED', promotedAt: cancellation.cancelledAt, updatedAt: cancellation.cancelledAt }));
    items.push(
      eventUpdate(r.organizationId, r.eventId, 'SET #waiting = #waiting - :one', 'attribute_exists(pk) AND #waiting > :zero AND #status <> :cancelled', {
        ':one': 1,
        ':zero': 0,
        ':cancelled': 'CANCELLED',
      }),
    );
  } else {
    // Nobody to promote, as read: true only if nobody waits at commit (or the event is cancelled).
    items.push(
      eventUpdate(
        r.organizationId,
        r.eventId,
        'SET #confirmed = #confirmed - :one',
        'attribute_exists(pk) AND #confirmed > :zero AND (attribute_not_exists(#waiting) OR #waiting <= :zero OR #status = :cancelled)',
        { ':one': 1, ':zero': 0, ':cancelled': 'CANCELLED' },
      ),
    );
  }
  items.push(...cancellation.events.map(outboxPut));
  return transact(items);
}

/**
 * Promotes `registrations` (the head of the waitlist, in order) into places the event has free,
 * on condition that the counters are still the ones read and the capacity still holds them.
 */
export function promoteRegistrations(
  event: { organizationId: string; id: string; confirmedCount: number; waitlistCount: number },
  registrations: Registration[],
  at: string,
  events: OutboxRecord[],
): Promise<WriteOutcome> {
  const k = registrations.length;
  const items: TransactItem[] = [
    eventUpdate(
      event.organizationId,
      event.id,
      'SET #confirmed = #confirmed + :k, #waiting = #waiting - :k',
      'attribute_exists(pk) AND attribute_not_exists(#deletingAt) AND #status <> :cancelled AND #confirmed = :c AND #waiting = :w AND (attribute_type(#capacity, :nullType) OR #capacity >= :target)',
      { ':k': k, ':c': event.confirmedCount, ':w': event.waitlistCount, ':cancelled': 'CANCELLED', ':nullType': 'NULL', ':target': event.confirmedCount + k },
    ),
  ];
  for (const registration of registrations) {
    items.push(deleteWaitlistEntry(registration.organizationId, registration.eventId, registration.id));
    items.push(registrationUpdate(registration, 'WAITLISTED', { status: 'CONFIRMED', promotedAt: at, updatedAt: at }));
  }
  items.push(...events.map(outboxPut));
  return transact(items);
}

export async function getRegistration(organizationId: string, eventId: string, registrationId: string, consistent = false): Promise<Registration | null> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.registration(organizationId, eventId, registrationId), ConsistentRead: consistent }),
  );
  return Item ? { ...RegistrationEntity.fromItem(Item), organizationId, eventId, id: registrationId } : null;
}

async function markerOf(key: { pk: string; sk: string }): Promise<string | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item ? (Item.registrationId as string) : null;
}

/** The live registration of an address (its uniqueness marker), if any. */
export const registrationIdByEmail = (organizationId: string, eventId: string, emailKey: string) => markerOf(keys.registrationEmail(organizationId, eventId, emailKey));
export const registrationIdByToken = (organizationId: string, eventId: string, tokenHash: string) => markerOf(keys.registrationToken(organizationId, eventId, tokenHash));

/** The first `count` registrations of the waitlist, in order (strongly consistent). */
export async function headOfWaitlist(organizationId: string, eventId: string, count: number): Promise<string[]> {
  const where = keys.waitlistOfEvent(organizationId, eventId);
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
      ConsistentRead: true,
      Limit: count,
    }),
  );
  return (Items ?? []).map((item) => item.registrationId as string);
}

/** A waitlisted registration's rank among the live waitlist: the entries up to its own, counted. */
export function waitlistRank(organizationId: string, eventId: string, registrationId: string): Promise<number> {
  const where = keys.waitlistOfEvent(organizationId, eventId);
  return queryCount({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :own',
    ExpressionAttributeValues: { ':pk': where.pk, ':first': where.skPrefix, ':own': keys.waitlistEntry(organizationId, eventId, registrationId).sk },
    ConsistentRead: true,
  });
}

/** Every live waitlist rank of the event (id -> position), for a list. */
export async function waitlistRanks(organizationId: string, eventId: string): Promise<Map<string, number>> {
  const where = keys.waitlistOfEvent(organizationId, eventId);
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
    ProjectionExpression: 'registrationId',
    ConsistentRead: true,
  });
  return new Map(items.map((item, index) => [item.registrationId as string, index + 1]));
}

const registrationOf = (organizationId: string, eventId: string) => (item: Record<string, unknown>): Registration => ({
  ...RegistrationEntity.fromItem(item),
  organizationId,
  eventId,
  id: String(item.sk).slice('REG#'.length),
});

function registrationsQuery(organizationId: string, eventId: string, status: RegistrationStatus | undefined, consistent: boolean): QueryCommandInput {
  const where = keys.registrationsOfEvent(organizationId, eventId);
  return {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
    ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix, ...(status ? { ':status': status } : {}) },
    ConsistentRead: consistent,
  };
}

/**
 * Offset pagination in arrival order (ids are time-ordered), as the events list does; skipped
 * items are read. `counted`: the total when the caller has it from the event's counters; else
 * it is counted over the event's registrations, beside the page (docs/registrations.md, "Totals").
 */
export async function listRegistrations(
  organizationId: string,
  eventId: string,
  options: { status?: RegistrationStatus; limit: number; offset: number },
  counted?: number,
): Promise<{ registrations: Registration[]; total: number }> {
  const input = registrationsQuery(organizationId, eventId, options.status, false);
  const wanted = options.offset + options.limit;
  const [items, total] = await Promise.all([queryFirst(input, wanted), counted ?? queryCount(input)]);
  return { registrations: items.slice(options.offset, wanted).map(registrationOf(organizationId, eventId)), total };
}

/** Every registration of the event, in arrival order (export, recounts). */
export async function allRegistrations(organizationId: string, eventId: string, consistent = false): Promise<Registration[]> {
  return (await queryAll(registrationsQuery(organizationId, eventId, undefined, consistent))).map(registrationOf(organizationId, eventId));
}

/** A public page's event by its slug, whatever its organisation (slugs are global); null when unknown. */
export async function getEventBySlugAnywhere(slug: string): Promise<Event | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.eventSlug(slug) }));
  if (!Item) return null;
  const marker = EventSlugEntity.fromItem(Item);
  return getEvent(marker.organizationId, marker.eventId);
}
