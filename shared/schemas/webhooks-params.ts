/** The webhook routes' path parameters and the deliveries' query, apart from the bodies (webhooks.ts): see there. */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

export const webhookIdParams = z.strictObject({ id: boundedId().check(z.describe('Webhook id, e.g. wh_1a2b3c4d5e6f7a8b')) });
export const webhookDeliveryParams = z.strictObject({ id: boundedId(), delivery_id: boundedId() });
export const webhookDeliveriesQuery = z.strictObject({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  before: z.optional(boundedId().check(z.describe('Deliveries older than this delivery id (the last one of the previous page)'))),
});
