/**
 * Calendar feeds: the lookup item (by the hash of the secret) and the member's record (which keeps
 * the secret so that the member can be shown the same URL again). Both are written and removed in
 * one transaction, so a feed is never half there.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { cancellationReasons } from './conditions.ts';

export interface CalendarFeed {
  organizationId: string;
  userId: string;
  secret: string;
  hash: string;
  createdAt: string;
}

export async function getFeedOfMember(organizationId: string, userId: string): Promise<CalendarFeed | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.calendarFeedOfMember(organizationId, userId), ConsistentRead: true }));
  return Item ? { organizationId, userId, secret: String(Item.secret), hash: String(Item.hash), createdAt: String(Item.createdAt) } : null;
}

/** Creates the member's feed; false when they already have one (a concurrent request made it). */
export async function insertFeed(feed: CalendarFeed): Promise<boolean> {
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: { ...keys.calendarFeedOfMember(feed.organizationId, feed.userId), entity: 'CalendarFeedOfMember', secret: feed.secret, hash: feed.hash, createdAt: feed.createdAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: tableName(), Item: { ...keys.calendarFeedByHash(feed.hash), entity: 'CalendarFeed', organizationId: feed.organizationId, userId: feed.userId, createdAt: feed.createdAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

export async function deleteFeed(feed: CalendarFeed): Promise<void> {
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: tableName(), Key: keys.calendarFeedOfMember(feed.organizationId, feed.userId) } },
        { Delete: { TableName: tableName(), Key: keys.calendarFeedByHash(feed.hash) } },
      ],
    }),
  );
}

export async function feedByHash(hash: string): Promise<{ organizationId: string; userId: string } | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.calendarFeedByHash(hash) }));
  return Item ? { organizationId: String(Item.organizationId), userId: String(Item.userId) } : null;
}
