/**
 * The transactional outbox. A use case that emits a domain event adds `outboxPut(record)` to the
 * TransactItems of its change, so there is no write without its event and no event without its
 * write; an event with no other write (a rejected shift's conflict) is put on its own.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { OutboxEventEntity } from './entities/outbox.ts';
import type { OutboxRecord } from '../domain/domain-events.ts';

/** A fresh outbox id: the `webhook-id` consumers dedupe on (Standard Webhooks' `msg_` prefix). */
export const newOutboxId = (): string => `msg_${randomUUID().replaceAll('-', '')}`;

/** The Put of one record, for a TransactWriteItems; never overwrites a record (ids are unique). */
export function outboxPut(record: OutboxRecord) {
  return {
    Put: {
      TableName: tableName(),
      Item: OutboxEventEntity.toItem(record),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** An event that has no other write to ride with. */
export async function putOutboxEvent(record: OutboxRecord): Promise<void> {
  await documentClient.send(new PutCommand(outboxPut(record).Put));
}
