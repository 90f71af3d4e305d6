/**
 * The webhook delivery queue: a retry is a message sent back to it with a delay (SQS holds a
 * message back at most 15 minutes; a longer wait is several hops, docs/webhooks.md).
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { need } from '../config.ts';

// The endpoint is the SDK's (the emulator's locally), never a host taken from the queue URL.
const sqs = new SQSClient({ maxAttempts: 3, useQueueUrlAsEndpoint: false });

export const MAX_QUEUE_DELAY_SECONDS = 900;

export interface AttemptMessage {
  kind: 'webhook.attempt';
  organizationId: string;
  endpointId: string;
  deliveryId: string;
}

export async function enqueueAttempt(message: Omit<AttemptMessage, 'kind'>, delaySeconds: number): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: need('WEBHOOK_QUEUE_URL'),
      MessageBody: JSON.stringify({ kind: 'webhook.attempt', ...message } satisfies AttemptMessage),
      DelaySeconds: Math.max(0, Math.min(MAX_QUEUE_DELAY_SECONDS, Math.ceil(delaySeconds))),
    }),
  );
}
