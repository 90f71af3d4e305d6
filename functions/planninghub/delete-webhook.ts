import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { webhookIdParams } from '../../shared/schemas/webhooks-params.ts';
import { removeWebhook } from '../../shared/app/webhooks/endpoints.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: webhookIdParams }, async ({ params, principal }) => {
  await removeWebhook(principal, params.id);
  return { statusCode: 200, body: { status: 'deleted', id: params.id } };
});
