/** Webhook responses: for the route manifest's documentation only (views in shared/views/webhooks.ts). */
import * as z from 'zod';
import { DOMAIN_EVENT_TYPES } from '../domain/domain-events.ts';

const instant = z.string().describe('RFC 3339, UTC');

const webhookFields = {
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(DOMAIN_EVENT_TYPES as [string, ...string[]])),
  description: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  disabled_reason: z.enum(['by_user', 'gone', 'failing']).optional().describe('Why a disabled endpoint is disabled (a 410 answer, days of failures, or by a user)'),
  created_at: instant,
  updated_at: instant,
};

export const webhookSchema = z.object(webhookFields).meta({ id: 'Webhook' });
export const webhookWithSecretSchema = z
  .object({ ...webhookFields, secret: z.string().describe('The signing secret (`whsec_...`), shown this once') })
  .meta({ id: 'WebhookWithSecret' });
export const webhookListSchema = z.object({ results: z.array(webhookSchema), count: z.number().int() }).meta({ id: 'WebhookList' });
export const webhookDeletedSchema = z.object({ status: z.literal('deleted'), id: z.string() }).meta({ id: 'WebhookDeleted' });

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    webhook_id: z.string(),
    message_id: z.string().describe('The `webhook-id` header: the same for every attempt'),
    event: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed', 'waiting_limit']),
    attempt_count: z.number().int(),
    response_code: z.number().int().nullable().describe('Of the last attempt'),
    duration_ms: z.number().int().nullable().describe('Of the last attempt'),
    next_retry_at: instant.nullable(),
    attempts: z.array(z.object({ at: instant, response_code: z.number().int().nullable(), duration_ms: z.number().int().nullable(), error: z.string().nullable() })),
    created_at: instant,
    updated_at: instant,
  })
  .meta({ id: 'WebhookDelivery' });
export const webhookDeliveryPageSchema = z
  .object({ results: z.array(webhookDeliverySchema), next_before: z.string().nullable().describe('`before` of the next page; null on the last') })
  .meta({ id: 'WebhookDeliveryPage' });
