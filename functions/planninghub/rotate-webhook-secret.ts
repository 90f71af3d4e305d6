import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { webhookIdParams } from '../../shared/schemas/webhooks-params.ts';
import { rotateWebhookSecret } from '../../shared/app/webhooks/endpoints.ts';
import { webhookView } from '../../shared/views/webhooks.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: webhookIdParams }, async ({ params, principal }) => ({
  statusCode: 200,
  body: webhookView(await rotateWebhookSecret(principal, params.id), { withSecret: true }),
}));
