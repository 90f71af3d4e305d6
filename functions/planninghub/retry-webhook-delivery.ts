import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { webhookDeliveryParams } from '../../shared/schemas/webhooks-params.ts';
import { retryDelivery } from '../../shared/app/webhooks/endpoints.ts';
import { deliveryView } from '../../shared/views/webhooks.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: webhookDeliveryParams }, async ({ params, principal }) => ({
  statusCode: 200,
  body: deliveryView(await retryDelivery(principal, params.id, params.delivery_id)),
}));
