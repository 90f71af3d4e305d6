import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { webhookIdParams } from '../../shared/schemas/webhooks-params.ts';
import { pingWebhook } from '../../shared/app/webhooks/endpoints.ts';
import { deliveryView } from '../../shared/views/webhooks.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: webhookIdParams }, async ({ params, principal }) => ({
  statusCode: 200,
  body: deliveryView(await pingWebhook(principal, params.id)),
}));
