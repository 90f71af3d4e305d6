import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { updateWebhookBody, webhookIdParams } from '../../shared/schemas/webhooks.ts';
import { updateWebhook } from '../../shared/app/webhooks/endpoints.ts';
import { webhookView } from '../../shared/views/webhooks.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: webhookIdParams, body: updateWebhookBody }, async ({ params, body, principal }) => ({
  statusCode: 200,
  body: webhookView(await updateWebhook(principal, params.id, body)),
}));
