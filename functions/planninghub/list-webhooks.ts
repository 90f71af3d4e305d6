import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { listWebhooks } from '../../shared/app/webhooks/endpoints.ts';
import { webhookView } from '../../shared/views/webhooks.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS }, async ({ principal }) => {
  const endpoints = await listWebhooks(principal);
  return { statusCode: 200, body: { results: endpoints.map((one) => webhookView(one)), count: endpoints.length } };
});
