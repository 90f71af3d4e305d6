/**
 * The outbox publisher (not a route): DynamoDB Streams records of outbox items (the event source
 * mapping filters on `entity = OutboxEvent`) -> the family's SNS topic, with the message
 * attributes subscription filter policies use. The message is the envelope's JSON, exactly what a
 * webhook receives. A record that fails to publish is reported with everything after it (the
 * stream retries from there, bisects, and finally sends it to the dead-letter queue): at least
 * once, never lost.
 */
import { PublishCommand, SNSClient, type MessageAttributeValue } from '@aws-sdk/client-sns';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createLogger } from '../../shared/http/logger.ts';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { config } from '../../shared/config.ts';
import { OutboxEventEntity } from '../../shared/store/entities/outbox.ts';
import type { OutboxRecord } from '../../shared/domain/domain-events.ts';

const sns = new SNSClient({ maxAttempts: 3 });

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

const log = createLogger({ function: 'OutboxPublisher' });

export function messageOf(record: OutboxRecord) {
  return {
    TopicArn: config.topicArn(record.family),
    Message: JSON.stringify(record.envelope),
    MessageAttributes: {
      organization_id: text(record.organizationId),
      event_type: text(record.type),
      outbox_id: text(record.id),
      ...(record.eventId ? { event_id: text(record.eventId) } : {}),
    },
  };
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const outcomes = await Promise.all(
    event.Records.map(async (record) => {
      const image = record.dynamodb?.NewImage;
      // Only inserts of outbox items are events (the mapping's filter says the same; TTL deletions are not).
      if (record.eventName !== 'INSERT' || !image || image.entity?.S !== OutboxEventEntity.name) return true;
      try {
        await sns.send(new PublishCommand(messageOf(OutboxEventEntity.fromItem(unmarshall(image as Record<string, AttributeValue>)))));
        return true;
      } catch (error) {
        log.error('outbox publish failed', { sequenceNumber: record.dynamodb?.SequenceNumber, error });
        return false;
      }
    }),
  );
  const failed = outcomes.findIndex((ok) => !ok);
  return { batchItemFailures: failed < 0 ? [] : [{ itemIdentifier: event.Records[failed]!.dynamodb!.SequenceNumber! }] };
};
