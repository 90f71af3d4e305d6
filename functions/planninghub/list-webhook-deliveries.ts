import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { webhookDeliveriesQuery } from '../../shared/schemas/webhooks-deliveries-query.ts';
import { webhookIdParams } from '../../shared/schemas/webhooks-params.ts';
import { listDeliveries } from '../../shared/app/webhooks/endpoints.ts';
import { deliveryView } from '../../shared/views/webhooks.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: webhookIdParams, query: webhookDeliveriesQuery }, async ({ params, query, principal }) => {
  const deliveries = await listDeliveries(principal, params.id, query);
  const limit = query.limit ?? 20;
  return { statusCode: 200, body: { results: deliveries.map(deliveryView), next_before: deliveries.length === limit ? deliveries.at(-1)!.id : null } };
});
