/**
 * PlanningHub webhook endpoints (docs/webhooks.md): request schemas, strict (an unknown field is a
 * 400 naming it). The URL's address rules are the domain's (checkWebhookUrl), judged by the use case.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { boundedId } from './primitives.ts';
import { DOMAIN_EVENT_TYPES } from '../domain/domain-events.ts';

const url = z.string().check(z.minLength(1), z.maxLength(2048), z.describe('Base URL; each family is posted to `{url}/{family}` (`/shift-conflict`, `/equipment-maintenance`...). https only'));
const events = z
  .array(z.enum(DOMAIN_EVENT_TYPES as [string, ...string[]]))
  .check(
    z.minLength(1),
    z.maxLength(DOMAIN_EVENT_TYPES.length),
    z.refine((list) => new Set(list).size === list.length, fieldMessage('VALIDATION_ERROR.event_type_repeated')),
    z.describe('Event types to receive, e.g. ["shift.conflict.detected", "equipment.maintenance.due"]'),
  );
const description = z.nullable(z.string().check(z.maxLength(500)));

export const createWebhookBody = z.strictObject({ url, events, description: z.optional(description) });
export const updateWebhookBody = z.strictObject({
  url: z.optional(url),
  events: z.optional(events),
  description: z.optional(description),
  status: z.optional(z.enum(['active', 'disabled'])),
});
export const webhookIdParams = z.strictObject({ id: boundedId().check(z.describe('Webhook id, e.g. wh_1a2b3c4d5e6f7a8b')) });
export const webhookDeliveryParams = z.strictObject({ id: boundedId(), delivery_id: boundedId() });
export const webhookDeliveriesQuery = z.strictObject({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  before: z.optional(boundedId().check(z.describe('Deliveries older than this delivery id (the last one of the previous page)'))),
});
