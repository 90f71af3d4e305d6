/**
 * An organisation's event counters (issue 14, "Lists cost one page"): one item per organisation,
 * one number per status, so the `total` of an events list is one GetItem instead of a count of
 * the whole index. Every write that creates, deletes or changes the status of an event carries
 * the counter's ADD in its own transaction: the event item's condition (absent for a creation,
 * version for an edit, existence for a deletion) decides whether the write happens, and the
 * counter moves with it or not at all. No condition on the counter itself: it never decides
 * anything, and a condition such as "stays >= 0" would refuse deletions on a table whose counters
 * were never backfilled (docs/data-model.md, "Event counters").
 *
 * Every update also adds 1 to `writes`, so the backfill (readEventCountersForBackfill,
 * recountEventItems, setEventCounts) can tell that no event write committed between its read of
 * the counter and its own write, without stopping the writers.
 */
import { GetCommand, QueryCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { isConditionalFailure } from './conditions.ts';
import { COUNTED_EVENT_STATUSES, EventCountersEntity, type EventCounts } from './entities/counters.ts';
import type { EventStatus } from '../domain/event.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** How many writes moved the counter (never decoded as a count): what the backfill's write is conditioned on. */
const WRITES = 'writes';

export type { EventCounts };

/**
 * The counter update for `moves` (status -> +n/-n), or null when they cancel out (an edit that
 * keeps the status). ADD creates the item and the attribute at 0 when missing.
 */
export function eventCountersUpdate(organizationId: string, moves: Partial<Record<EventStatus, number>>): TransactItem | null {
  const changed = COUNTED_EVENT_STATUSES.filter((status) => (moves[status] ?? 0) !== 0);
  if (changed.length === 0) return null;
  const names: Record<string, string> = { '#entity': 'entity', '#writes': WRITES };
  const values: Record<string, unknown> = { ':entity': EventCountersEntity.name, ':one': 1 };
  const adds = changed.map((status, i) => {
    names[`#c${i}`] = status;
    values[`:c${i}`] = moves[status];
    return `#c${i} :c${i}`;
  });
  adds.push('#writes :one');
  return {
    Update: {
      TableName: tableName(),
      Key: keys.eventCounters(organizationId),
      UpdateExpression: `SET #entity = :entity ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The counts moved by a status change from `before` to `after` (nothing when equal). */
export const statusChangeMoves = (before: EventStatus, after: EventStatus): Partial<Record<EventStatus, number>> =>
  before === after ? {} : { [before]: -1, [after]: 1 };

/** Eventually consistent: a list's total is shown, never judged. Zero for an organisation without events. */
export async function readEventCounts(organizationId: string, consistent = false): Promise<EventCounts> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.eventCounters(organizationId), ConsistentRead: consistent }));
  return EventCountersEntity.fromItem(Item ?? {});
}

/** The total of a list filtered by `status` (or of every status). */
export const countOf = (counts: EventCounts, status?: EventStatus): number =>
  status ? counts[status] : COUNTED_EVENT_STATUSES.reduce((sum, one) => sum + counts[one], 0);

/**
 * The counter as a backfill reads it (strongly consistent): its counts, and how many writes had
 * moved it; `writes` is null when the item or the attribute is absent (a counter never moved by
 * this code, or no counter at all: `exists`).
 */
export interface EventCountersState {
  exists: boolean;
  writes: number | null;
  counts: EventCounts;
}

export async function readEventCountersForBackfill(organizationId: string): Promise<EventCountersState> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.eventCounters(organizationId), ConsistentRead: true }));
  return { exists: Item !== undefined, writes: typeof Item?.[WRITES] === 'number' ? (Item[WRITES] as number) : null, counts: EventCountersEntity.fromItem(Item ?? {}) };
}

/**
 * Every event item of the organisation counted per status, strongly consistent, page after page
 * (status only is read). Events whose deletion has begun (`deletingAt`) are counted: the counter
 * keeps them until the deletion's last transaction takes them off (shared/store/events.ts).
 */
export async function recountEventItems(organizationId: string): Promise<EventCounts> {
  const where = keys.eventItemsOfOrganization(organizationId);
  const counts = Object.fromEntries(COUNTED_EVENT_STATUSES.map((status) => [status, 0])) as EventCounts;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ProjectionExpression: '#status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const status = item.status as EventStatus;
      if (Object.hasOwn(counts, status)) counts[status]++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return counts;
}

/**
 * Sets the counter to `counts` on condition that no write moved it since `read` (same `writes`,
 * or still no item / no attribute), and counts this write too. False when the condition failed:
 * an event write committed in between, so `counts` may be stale. A write committed after this one
 * ADDs on top of the counts set, so it is not lost.
 */
export async function setEventCounts(organizationId: string, counts: EventCounts, read: Pick<EventCountersState, 'exists' | 'writes'>): Promise<boolean> {
  const names: Record<string, string> = { '#entity': 'entity', '#writes': WRITES };
  const values: Record<string, unknown> = { ':entity': EventCountersEntity.name, ':one': 1 };
  const sets = COUNTED_EVENT_STATUSES.map((status, i) => {
    names[`#c${i}`] = status;
    values[`:c${i}`] = counts[status];
    return `#c${i} = :c${i}`;
  });
  let condition: string;
  if (!read.exists) condition = 'attribute_not_exists(pk)';
  else if (read.writes === null) condition = 'attribute_exists(pk) AND attribute_not_exists(#writes)';
  else {
    condition = '#writes = :read';
    values[':read'] = read.writes;
  }
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.eventCounters(organizationId),
        UpdateExpression: `SET #entity = :entity, ${sets.join(', ')} ADD #writes :one`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}
