/**
 * Webhook endpoints through the API (admins and stage managers, docs/webhooks.md): register, list,
 * read, change, delete, rotate the secret, ping, list deliveries and retry one. Every key carries
 * the caller's organisation, so another organisation's endpoint is a 404.
 */
import { randomBytes } from 'node:crypto';
import { randomHex } from '../../random-hex.ts';
import { config } from '../../config.ts';
import { DomainError } from '../../domain/errors.ts';
import { newOutboxId } from '../../store/outbox.ts';
import {
  checkWebhookUrl,
  deliveryIdOf,
  deliveryNotFound,
  PREVIOUS_SECRET_GRACE_MS,
  secretOf,
  webhookNotFound,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../../domain/webhooks.ts';
import type { DomainEventType } from '../../domain/domain-events.ts';
import {
  deleteWebhookEndpoint,
  getWebhookDelivery,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  putWebhookEndpoint,
  replaceWebhookEndpoint,
  saveWebhookDelivery,
} from '../../store/webhooks.ts';
import { attemptOnce } from './attempt.ts';

interface Caller {
  organizationId: string;
  userId: string;
}

const newSecret = () => secretOf(randomBytes(24));

/** An organisation's endpoints are few; more is a mistake we refuse rather than fan out to. */
export const MAX_ENDPOINTS_PER_ORGANIZATION = 20;

export async function createWebhook(caller: Caller, input: { url: string; events: string[]; description?: string | null }, now = new Date()): Promise<WebhookEndpoint> {
  checkWebhookUrl(input.url, config.webhookAllowInsecure);
  const existing = await listWebhookEndpoints(caller.organizationId, true);
  if (existing.length >= MAX_ENDPOINTS_PER_ORGANIZATION) {
    throw DomainError.of('invalid', 'VALIDATION_ERROR.webhook_url', { params: { reason: 'too_many' }, details: [{ field: 'url', message: `at most ${MAX_ENDPOINTS_PER_ORGANIZATION} endpoints` }] });
  }
  const at = now.toISOString();
  const endpoint: WebhookEndpoint = {
    id: `wh_${randomHex(8)}`,
    organizationId: caller.organizationId,
    url: input.url,
    events: input.events as DomainEventType[],
    description: input.description ?? null,
    status: 'active',
    disabledReason: null,
    secret: newSecret(),
    previousSecret: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: at,
    createdBy: caller.userId,
    updatedAt: at,
  };
  await putWebhookEndpoint(endpoint);
  return endpoint;
}

export const listWebhooks = (caller: Caller) => listWebhookEndpoints(caller.organizationId);

export async function getWebhook(caller: Caller, id: string): Promise<WebhookEndpoint> {
  const endpoint = await getWebhookEndpoint(caller.organizationId, id);
  if (!endpoint) throw webhookNotFound();
  return endpoint;
}

async function change(caller: Caller, id: string, apply: (current: WebhookEndpoint) => WebhookEndpoint): Promise<WebhookEndpoint> {
  const next = apply(await getWebhook(caller, id));
  // Deleted meanwhile: it is gone for this request too.
  if (!(await replaceWebhookEndpoint(next))) throw webhookNotFound();
  return next;
}

export function updateWebhook(caller: Caller, id: string, patch: { url?: string; events?: string[]; description?: string | null; status?: 'active' | 'disabled' }, now = new Date()) {
  if (patch.url !== undefined) checkWebhookUrl(patch.url, config.webhookAllowInsecure);
  return change(caller, id, (current) => ({
    ...current,
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.events !== undefined ? { events: patch.events as DomainEventType[] } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    // Enabling again starts afresh; disabling by hand says so.
    ...(patch.status === 'active' ? { status: 'active', disabledReason: null, failingSince: null } : {}),
    ...(patch.status === 'disabled' && current.status === 'active' ? { status: 'disabled', disabledReason: 'by_user' } : {}),
    updatedAt: now.toISOString(),
  }));
}

export async function removeWebhook(caller: Caller, id: string): Promise<void> {
  if (!(await deleteWebhookEndpoint(caller.organizationId, id))) throw webhookNotFound();
}

/** A new secret, shown once; the old one keeps signing beside it for a day (both signatures are sent). */
export function rotateWebhookSecret(caller: Caller, id: string, now = new Date()) {
  return change(caller, id, (current) => ({
    ...current,
    secret: newSecret(),
    previousSecret: current.secret,
    previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS).toISOString(),
    updatedAt: now.toISOString(),
  }));
}

const rateLimited = () => DomainError.of('too_many_requests', 'RATE_LIMIT_EXCEEDED.webhooks');

/** A signed `webhook.ping` to `{url}/ping`, now, recorded among the deliveries (it counts against the daily limit). */
export async function pingWebhook(caller: Caller, id: string, now = new Date()): Promise<WebhookDelivery> {
  const endpoint = await getWebhook(caller, id);
  const messageId = newOutboxId();
  const at = now.toISOString();
  const delivery: WebhookDelivery = {
    id: deliveryIdOf(at, messageId, endpoint.id),
    organizationId: caller.organizationId,
    endpointId: endpoint.id,
    messageId,
    eventType: 'webhook.ping',
    family: 'ping',
    body: JSON.stringify({ event: 'webhook.ping', data: { webhook_id: endpoint.id }, timestamp: at }),
    status: 'pending',
    attempts: [],
    nextRetryAt: null,
    createdAt: at,
    updatedAt: at,
  };
  // A ping reaches even a disabled endpoint: it is how one checks it before enabling it again.
  const outcome = await attemptOnce(delivery, { ...endpoint, status: 'active' }, now);
  if (outcome.kind === 'limited') throw rateLimited();
  const updated: WebhookDelivery = { ...outcome.updated, status: outcome.updated.status === 'succeeded' ? 'succeeded' : 'failed' };
  await saveWebhookDelivery(updated);
  return updated;
}

export async function listDeliveries(caller: Caller, id: string, page: { limit?: number; before?: string }): Promise<WebhookDelivery[]> {
  await getWebhook(caller, id);
  return listWebhookDeliveries(caller.organizationId, id, page.limit ?? 20, page.before);
}

/** One more attempt, now, with the same webhook-id; a success ends the delivery, a failure leaves its schedule as it was. */
export async function retryDelivery(caller: Caller, id: string, deliveryId: string, now = new Date()): Promise<WebhookDelivery> {
  const [endpoint, delivery] = await Promise.all([getWebhook(caller, id), getWebhookDelivery(caller.organizationId, id, deliveryId)]);
  if (!delivery) throw deliveryNotFound();
  const outcome = await attemptOnce(delivery, { ...endpoint, status: 'active' }, now);
  if (outcome.kind === 'limited') throw rateLimited();
  const updated: WebhookDelivery =
    outcome.updated.status === 'succeeded' ? outcome.updated : { ...outcome.updated, status: delivery.status === 'succeeded' ? 'succeeded' : outcome.updated.status === 'failed' ? 'failed' : delivery.status };
  await saveWebhookDelivery(updated);
  return updated;
}
