/**
 * Delivering events to the organisation's HTTPS endpoints (docs/webhooks.md): one delivery per
 * event and endpoint, attempted now, retried through the queue with exponential backoff and
 * jitter for about a day, counted against the organisation's daily limit (the excess waits for
 * the next UTC day), signed as Standard Webhooks says.
 */
import { config } from '../../config.ts';
import { DEFAULT_RETRY_POLICY, deliveryIdOf, isSuccess, nextRetryDelaySeconds, secondsUntilNextDay, type WebhookDelivery, type WebhookEndpoint } from '../../domain/webhooks.ts';
import { attemptOnce } from './attempt.ts';
import { DOMAIN_EVENT_FAMILIES, type DomainEventEnvelope } from '../../domain/domain-events.ts';
import { enqueueAttempt } from '../../store/webhook-queue.ts';
import { ensureWebhookDelivery, getWebhookDelivery, getWebhookEndpoint, listWebhookEndpoints, saveWebhookDelivery } from '../../store/webhooks.ts';

export interface PublishedEvent {
  organizationId: string;
  /** The outbox id: the `webhook-id` of every attempt. */
  messageId: string;
  /** The message body exactly as published: the envelope's JSON, sent as is. */
  body: string;
}

const retryPolicy = () => ({ ...DEFAULT_RETRY_POLICY, baseSeconds: config.webhookRetryBaseSeconds ?? DEFAULT_RETRY_POLICY.baseSeconds });

/** Every active endpoint of the event's organisation that asked for its type gets a delivery, attempted now. */
export async function fanOut(event: PublishedEvent, now = new Date()): Promise<void> {
  const envelope = JSON.parse(event.body) as DomainEventEnvelope;
  const family = familyOf(envelope.event);
  const endpoints = (await listWebhookEndpoints(event.organizationId)).filter((endpoint) => endpoint.status === 'active' && endpoint.events.includes(envelope.event));
  await Promise.all(
    endpoints.map(async (endpoint) => {
      const at = now.toISOString();
      const delivery = await ensureWebhookDelivery({
        id: deliveryIdOf(envelope.timestamp, event.messageId, endpoint.id),
        organizationId: event.organizationId,
        endpointId: endpoint.id,
        messageId: event.messageId,
        eventType: envelope.event,
        family,
        body: event.body,
        status: 'pending',
        attempts: [],
        nextRetryAt: null,
        createdAt: at,
        updatedAt: at,
      });
      // A redelivered message finds its delivery already under way or done.
      if (delivery.status !== 'pending' || delivery.attempts.length > 0) return;
      await attemptAndSchedule(delivery, endpoint, now);
    }),
  );
}

/** A retry message: attempt again when its time has come, or wait some more (long waits are several queue hops). */
export async function retryFromQueue(ids: { organizationId: string; endpointId: string; deliveryId: string }, now = new Date()): Promise<void> {
  const [delivery, endpoint] = await Promise.all([getWebhookDelivery(ids.organizationId, ids.endpointId, ids.deliveryId), getWebhookEndpoint(ids.organizationId, ids.endpointId)]);
  if (!delivery || (delivery.status !== 'pending' && delivery.status !== 'waiting_limit')) return;
  if (!endpoint) return finish(delivery, 'failed', now, 'endpoint_deleted');
  const wait = delivery.nextRetryAt ? (Date.parse(delivery.nextRetryAt) - now.getTime()) / 1000 : 0;
  if (wait > 1) return enqueueAttempt(ids, wait);
  await attemptAndSchedule(delivery, endpoint, now);
}

async function finish(delivery: WebhookDelivery, status: 'failed', now: Date, error: string): Promise<void> {
  await saveWebhookDelivery({ ...delivery, status, nextRetryAt: null, updatedAt: now.toISOString(), attempts: [...delivery.attempts, { at: now.toISOString(), responseCode: null, durationMs: 0, error }] });
}

async function attemptAndSchedule(delivery: WebhookDelivery, endpoint: WebhookEndpoint, now: Date): Promise<void> {
  const ids = { organizationId: delivery.organizationId, endpointId: delivery.endpointId, deliveryId: delivery.id };
  if (endpoint.status !== 'active') return finish(delivery, 'failed', now, 'endpoint_disabled');
  const outcome = await attemptOnce(delivery, endpoint, now);
  if (outcome.kind === 'limited') {
    // The spec's daily limit: the excess waits for the next UTC day, it is not dropped.
    const wait = secondsUntilNextDay(now) + Math.floor(Math.random() * 60);
    await saveWebhookDelivery({ ...delivery, status: 'waiting_limit', nextRetryAt: new Date(now.getTime() + wait * 1000).toISOString(), updatedAt: now.toISOString() });
    return enqueueAttempt(ids, wait);
  }
  const { updated } = outcome;
  if (updated.status !== 'pending') return saveWebhookDelivery(updated);
  const failures = updated.attempts.filter((attempt) => !isSuccess(attempt.responseCode)).length;
  const delay = nextRetryDelaySeconds(failures, new Date(updated.attempts[0]!.at), now, retryPolicy(), Math.random);
  if (delay === null) return saveWebhookDelivery({ ...updated, status: 'failed', nextRetryAt: null });
  await saveWebhookDelivery({ ...updated, nextRetryAt: new Date(now.getTime() + delay * 1000).toISOString() });
  await enqueueAttempt(ids, delay);
}

const familyOf = (type: string): WebhookDelivery['family'] => (DOMAIN_EVENT_FAMILIES as Record<string, WebhookDelivery['family']>)[type] ?? 'ping';
