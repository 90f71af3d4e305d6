import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { createWebhookBody } from '../../shared/schemas/webhooks.ts';
import { createWebhook } from '../../shared/app/webhooks/endpoints.ts';
import { webhookView } from '../../shared/views/webhooks.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, body: createWebhookBody }, async ({ body, principal }) => {
  const created = await createWebhook(principal, body);
  // The secret is shown here and at rotation only.
  return { statusCode: 201, headers: { Location: `/v1/webhooks/${created.id}` }, body: webhookView(created, { withSecret: true }) };
});
