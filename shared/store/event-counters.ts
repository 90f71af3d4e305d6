/**
 * An organisation's event counters (issue 14, "Lists cost one page"): one item per organisation,
 * one number per status, so the `total` of an events list is one GetItem instead of a count of
 * the whole index. Every write that creates, deletes or changes the status of an event carries
 * the counter's ADD in its own transaction: the event item's condition (absent for a creation,
 * version for an edit, existence for a deletion) decides whether the write happens, and the
 * counter moves with it or not at all. No condition on the counter itself: it never decides
 * anything, and a condition such as "stays >= 0" would refuse deletions on a table whose counters
 * were never backfilled (docs/data-model.md, "Event counters").
 */
import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { keys } from './keys.ts';
import { COUNTED_EVENT_STATUSES, EventCountersEntity, type EventCounts } from './entities/counters.ts';
import type { EventStatus } from '../domain/event.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type { EventCounts };

/**
 * The counter update for `moves` (status -> +n/-n), or null when they cancel out (an edit that
 * keeps the status). ADD creates the item and the attribute at 0 when missing.
 */
export function eventCountersUpdate(organizationId: string, moves: Partial<Record<EventStatus, number>>): TransactItem | null {
  const changed = COUNTED_EVENT_STATUSES.filter((status) => (moves[status] ?? 0) !== 0);
  if (changed.length === 0) return null;
  const names: Record<string, string> = { '#entity': 'entity' };
  const values: Record<string, unknown> = { ':entity': EventCountersEntity.name };
  const adds = changed.map((status, i) => {
    names[`#c${i}`] = status;
    values[`:c${i}`] = moves[status];
    return `#c${i} :c${i}`;
  });
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
