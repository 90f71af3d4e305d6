/**
 * The webhook delivery function (not a route): the delivery queue (every topic subscribed with
 * raw message delivery, plus the retries this function sends back with a delay) -> the
 * organisation's HTTPS endpoints. A message that fails is reported alone and comes back after the
 * queue's visibility timeout; after a few receives it goes to the dead-letter queue.
 */
import { createLogger } from '../../shared/http/logger.ts';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { fanOut, retryFromQueue } from '../../shared/app/webhooks/deliver.ts';

async function handleOne(record: SQSRecord): Promise<void> {
  const attributes = record.messageAttributes ?? {};
  const organizationId = attributes.organization_id?.stringValue;
  const messageId = attributes.outbox_id?.stringValue;
  if (organizationId && messageId) return fanOut({ organizationId, messageId, body: record.body });
  const parsed = JSON.parse(record.body) as { kind?: string; organizationId?: string; endpointId?: string; deliveryId?: string };
  if (parsed.kind === 'webhook.attempt' && parsed.organizationId && parsed.endpointId && parsed.deliveryId) {
    return retryFromQueue({ organizationId: parsed.organizationId, endpointId: parsed.endpointId, deliveryId: parsed.deliveryId });
  }
  // Not ours to deliver: dropping it is the only answer that does not loop.
  log.error('unknown webhook queue message', { messageId: record.messageId });
}

const log = createLogger({ function: 'WebhookDelivery' });

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const outcomes = await Promise.allSettled(event.Records.map(handleOne));
  return {
    batchItemFailures: outcomes.flatMap((outcome, i) => {
      if (outcome.status === 'fulfilled') return [];
      log.error('webhook delivery failed', { messageId: event.Records[i]!.messageId, error: outcome.reason });
      return [{ itemIdentifier: event.Records[i]!.messageId }];
    }),
  };
};
