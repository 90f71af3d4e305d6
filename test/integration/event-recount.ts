/**
 * An organisation's events counted per status straight from the table (a consistent Query of its
 * partition), independently of the counters under test (shared/store/event-counters.ts).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../shared/store/keys.ts';
import { tableClient } from './support.ts';

export const EVENT_STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED'] as const;
export type EventCounts = Record<(typeof EVENT_STATUSES)[number], number>;

/**
 * `deleting: 'exclude'` counts as the lists show (an event whose deletion began is hidden);
 * `'include'` as the counter item holds (an event stays counted until its deletion ends).
 */
export async function recountEvents(organizationId: string, deleting: 'include' | 'exclude'): Promise<EventCounts> {
  const { client, tableName } = tableClient();
  const counts: EventCounts = { DRAFT: 0, PUBLISHED: 0, CLOSED: 0, CANCELLED: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.organization(organizationId).pk, ':prefix': 'EVENT#' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) if (deleting === 'include' || item.deletingAt === undefined) counts[item.status as keyof EventCounts]++;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return counts;
}
