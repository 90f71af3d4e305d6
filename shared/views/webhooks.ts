/** The PlanningHub views of webhook endpoints and deliveries (snake_case; the secret only when just issued). */
import type { WebhookDelivery, WebhookEndpoint } from '../domain/webhooks.ts';

export function webhookView(endpoint: WebhookEndpoint, options: { withSecret?: boolean } = {}) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    status: endpoint.status,
    ...(endpoint.disabledReason ? { disabled_reason: endpoint.disabledReason } : {}),
    created_at: endpoint.createdAt,
    updated_at: endpoint.updatedAt,
    ...(options.withSecret ? { secret: endpoint.secret } : {}),
  };
}

export function deliveryView(delivery: WebhookDelivery) {
  const last = delivery.attempts.at(-1);
  return {
    id: delivery.id,
    webhook_id: delivery.endpointId,
    message_id: delivery.messageId,
    event: delivery.eventType,
    status: delivery.status,
    attempt_count: delivery.attempts.length,
    response_code: last?.responseCode ?? null,
    duration_ms: last?.durationMs ?? null,
    next_retry_at: delivery.nextRetryAt,
    attempts: delivery.attempts.map((attempt) => ({ at: attempt.at, response_code: attempt.responseCode, duration_ms: attempt.durationMs, error: attempt.error })),
    created_at: delivery.createdAt,
    updated_at: delivery.updatedAt,
  };
}
