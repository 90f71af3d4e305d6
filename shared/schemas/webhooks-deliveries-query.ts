/** GET /v1/webhooks/{id}/deliveries' query, apart from the path parameters (webhooks-params.ts). In `zod/mini`. */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

export const webhookDeliveriesQuery = z.strictObject({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  before: z.optional(boundedId().check(z.describe('Deliveries older than this delivery id (the last one of the previous page)'))),
});
