/**
 * The webhook routes' path parameters, apart from the bodies (webhooks.ts): see there. The deliveries'
 * query is in webhooks-deliveries-query.ts, so that the functions that parse only an id build no
 * coercion (docs/schemas.md, rule 6).
 */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

export const webhookIdParams = z.strictObject({ id: boundedId().check(z.describe('Webhook id, e.g. wh_1a2b3c4d5e6f7a8b')) });
export const webhookDeliveryParams = z.strictObject({ id: boundedId(), delivery_id: boundedId() });
