/**
 * Rate-limit state in the table, shared by every Lambda instance: one counter item per caller,
 * rate class and fixed window, incremented atomically under a condition so concurrent requests
 * can never admit more than the limit. See docs/rate-limits.md.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { RateWindowEntity } from './entities/counters.ts';
import { isConditionalFailure } from './conditions.ts';

/** Who is counted: an authenticated user within an organisation, or an anonymous source address. */
export type Caller = { organizationId: string; userId: string } | { sourceIp: string };

export interface WindowHit {
  caller: Caller;
  rateClass: string;
  /** Epoch seconds. */
  windowStart: number;
  windowSeconds: number;
  limit: number;
}

export interface WindowCount {
  admitted: boolean;
  /** Requests admitted in the window, this one included when admitted. */
  count: number;
}

/**
 * Counts one request unless the window is full. A refused request does not increment, so a
 * client hammering past its limit does not push its own recovery further away.
 */
export async function hitRateWindow(hit: WindowHit): Promise<WindowCount> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.rateWindow(hit.caller, hit.rateClass, hit.windowStart),
        UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt), #entity = if_not_exists(#entity, :entity)',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count', '#entity': 'entity' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': hit.limit,
          // A minute of slack past the window's end: TTL sweeps lazily and nothing reads old windows.
          ':expiresAt': hit.windowStart + hit.windowSeconds + 60,
          ':entity': RateWindowEntity.name,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return { admitted: true, count: Number(Attributes?.count ?? 1) };
  } catch (error) {
    if (isConditionalFailure(error)) return { admitted: false, count: hit.limit };
    throw error;
  }
}

/**
 * The organisation's own limits (a plan feature), as stored: `rateLimits: { standard?, critical? }`.
 * Null when the organisation or the attribute does not exist.
 */
export async function getOrganizationRateLimits(organizationId: string): Promise<Record<string, unknown> | null> {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.organization(organizationId),
      ProjectionExpression: '#limits',
      ExpressionAttributeNames: { '#limits': 'rateLimits' },
    }),
  );
  const limits = Item?.rateLimits;
  return typeof limits === 'object' && limits !== null ? (limits as Record<string, unknown>) : null;
}
