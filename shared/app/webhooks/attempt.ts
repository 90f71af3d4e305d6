/**
 * One signed webhook request (shared by the delivery function, the ping and the manual retry; no
 * queue here, so the API's functions do not load the SQS client).
 */
import { config } from '../../config.ts';
import { postWebhook } from '../../adapters/webhook-post.ts';
import { DEFAULT_DAILY_LIMIT, deliveryUrl, disableAfterFailure, isSuccess, signatureHeader, utcDay, type WebhookDelivery, type WebhookEndpoint } from '../../domain/webhooks.ts';
import { getOrganizationWebhookLimit, markEndpointFailing, recordEndpointOutcome, takeDailyRequest } from '../../store/webhooks.ts';

async function dailyLimitOf(organizationId: string): Promise<number> {
  return (await getOrganizationWebhookLimit(organizationId)) ?? config.webhookDailyLimit ?? DEFAULT_DAILY_LIMIT;
}

export type AttemptOutcome = { kind: 'limited' } | { kind: 'attempted'; updated: WebhookDelivery };

/**
 * One signed request, counted against the daily limit, recorded on the delivery (not saved) and
 * on the endpoint (a success ends its failure streak; 410 or days of failures disable it).
 */
export async function attemptOnce(delivery: WebhookDelivery, endpoint: WebhookEndpoint, now: Date): Promise<AttemptOutcome> {
  if (!(await takeDailyRequest(delivery.organizationId, utcDay(now), await dailyLimitOf(delivery.organizationId)))) return { kind: 'limited' };
  const timestamp = Math.floor(now.getTime() / 1000);
  const result = await postWebhook(
    deliveryUrl(endpoint.url, delivery.family),
    { 'webhook-id': delivery.messageId, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(endpoint, delivery.messageId, timestamp, delivery.body, now) },
    delivery.body,
    { allowInsecure: config.webhookAllowInsecure },
  );
  const at = now.toISOString();
  const attempts = [...delivery.attempts, { at, responseCode: result.status, durationMs: result.durationMs, error: result.error }];
  if (isSuccess(result.status)) {
    if (endpoint.failingSince) await recordEndpointOutcome(endpoint.organizationId, endpoint.id, { succeeded: true });
    return { kind: 'attempted', updated: { ...delivery, attempts, status: 'succeeded', nextRetryAt: null, updatedAt: at } };
  }
  const disabled = disableAfterFailure(endpoint, result.status, now);
  if (disabled) {
    await recordEndpointOutcome(endpoint.organizationId, endpoint.id, { disabled, at });
    return { kind: 'attempted', updated: { ...delivery, attempts, status: 'failed', nextRetryAt: null, updatedAt: at } };
  }
  if (!endpoint.failingSince) await markEndpointFailing(endpoint.organizationId, endpoint.id, at);
  return { kind: 'attempted', updated: { ...delivery, attempts, status: 'pending', updatedAt: at } };
}

