/**
 * PlanningHub webhook endpoints (docs/webhooks.md): request schemas, strict (an unknown field is a
 * 400 naming it). The URL's address rules are the domain's (checkWebhookUrl), judged by the use case.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
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
// Path parameters and the deliveries' query: in webhooks-params.ts, so that the functions that take
// no body do not bundle nor build the bodies' schemas (docs/bench.md).
export { webhookIdParams, webhookDeliveryParams } from './webhooks-params.ts';
export { webhookDeliveriesQuery } from './webhooks-deliveries-query.ts';
