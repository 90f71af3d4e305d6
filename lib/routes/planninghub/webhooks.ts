/** PlanningHub routes, webhooks area: HTTPS endpoints of the organisation and their deliveries (`/v1/webhooks`, docs/webhooks.md). */
import { createWebhookBody, updateWebhookBody, webhookDeliveriesQuery, webhookDeliveryParams, webhookIdParams } from '../../../shared/schemas/webhooks.ts';
import { errorDoc, planningHubRoutes } from './common.ts';
import { webhookDeletedSchema, webhookDeliveryPageSchema, webhookDeliverySchema, webhookListSchema, webhookSchema, webhookWithSecretSchema } from '../../../shared/schemas/webhooks-docs.ts';

const noSuchWebhook = errorDoc('No such webhook in this organisation');
const rolesNote = 'Admins and stage managers of the organisation.';

export const webhookRoutes = planningHubRoutes({ tag: 'PlanningHub: webhooks' }, [
  {
    id: 'CreateWebhook',
    method: 'POST',
    path: '/v1/webhooks',
    docs: {
      summary: 'Register an HTTPS endpoint for events',
      description: `${rolesNote} Each event is posted to \`{url}/{family}\` (\`/shift-conflict\`, \`/equipment-maintenance\`, \`/shift\`, \`/equipment-booking\`, \`/event\`, \`/registration\`), signed as Standard Webhooks says. The answer carries the signing \`secret\` (\`whsec_...\`), shown this once. https only; private, loopback and reserved addresses are refused.`,
      request: { body: createWebhookBody },
      responses: { 201: { description: 'Registered, with its secret', schema: webhookWithSecretSchema } },
    },
  },
  {
    id: 'ListWebhooks',
    method: 'GET',
    path: '/v1/webhooks',
    docs: { summary: "The organisation's webhook endpoints", description: rolesNote, responses: { 200: { description: 'Endpoints (without secrets)', schema: webhookListSchema } } },
  },
  {
    id: 'GetWebhook',
    method: 'GET',
    path: '/v1/webhooks/{id}',
    docs: { summary: 'One webhook endpoint', description: rolesNote, request: { params: webhookIdParams }, responses: { 200: { description: 'The endpoint (without its secret)', schema: webhookSchema }, 404: noSuchWebhook } },
  },
  {
    id: 'UpdateWebhook',
    method: 'PATCH',
    path: '/v1/webhooks/{id}',
    docs: {
      summary: 'Change the URL, the events, the description, or enable/disable',
      description: `${rolesNote} \`status: "active"\` enables again an endpoint disabled by a 410 or by days of failures.`,
      request: { params: webhookIdParams, body: updateWebhookBody },
      responses: { 200: { description: 'The endpoint', schema: webhookSchema }, 404: noSuchWebhook },
    },
  },
  {
    id: 'DeleteWebhook',
    method: 'DELETE',
    path: '/v1/webhooks/{id}',
    docs: { summary: 'Delete a webhook endpoint', description: `${rolesNote} Pending retries stop.`, request: { params: webhookIdParams }, responses: { 200: { description: 'Deleted', schema: webhookDeletedSchema }, 404: noSuchWebhook } },
  },
  {
    id: 'RotateWebhookSecret',
    method: 'POST',
    path: '/v1/webhooks/{id}/rotate-secret',
    docs: {
      summary: 'Issue a new signing secret',
      description: `${rolesNote} The new secret is shown this once; for 24 hours deliveries carry a signature with each secret, so receivers switch without losing events.`,
      request: { params: webhookIdParams },
      responses: { 200: { description: 'The endpoint with its new secret', schema: webhookWithSecretSchema }, 404: noSuchWebhook },
    },
  },
  {
    id: 'TestWebhook',
    method: 'POST',
    path: '/v1/webhooks/{id}/test',
    timeoutSeconds: 15,
    docs: {
      summary: 'Send a signed ping now',
      description: `${rolesNote} Posts \`{"event": "webhook.ping", "data": {"webhook_id"}, "timestamp"}\` to \`{url}/ping\` and answers with the delivery (status, response code, duration). Counts against the daily limit.`,
      request: { params: webhookIdParams },
      responses: { 200: { description: 'The delivery', schema: webhookDeliverySchema }, 404: noSuchWebhook, 429: errorDoc('RATE_LIMIT_EXCEEDED: the daily webhook limit is reached') },
    },
  },
  {
    id: 'ListWebhookDeliveries',
    method: 'GET',
    path: '/v1/webhooks/{id}/deliveries',
    docs: {
      summary: 'Deliveries of an endpoint, newest first, with their attempts',
      description: `${rolesNote} Kept 30 days. Each delivery: \`status\` (pending, succeeded, failed, waiting_limit), \`response_code\` and \`duration_ms\` of the last attempt, \`next_retry_at\`, and every attempt. Pages: \`limit\` (1-100, default 20), \`before\` = the previous page's \`next_before\`.`,
      request: { params: webhookIdParams, query: webhookDeliveriesQuery },
      responses: { 200: { description: 'A page of deliveries', schema: webhookDeliveryPageSchema }, 404: noSuchWebhook },
    },
  },
  {
    id: 'RetryWebhookDelivery',
    method: 'POST',
    path: '/v1/webhooks/{id}/deliveries/{delivery_id}/retry',
    timeoutSeconds: 15,
    docs: {
      summary: 'Attempt a delivery again, now',
      description: `${rolesNote} The same body and \`webhook-id\`; a failed delivery stays failed unless this attempt succeeds. Counts against the daily limit.`,
      request: { params: webhookDeliveryParams },
      responses: { 200: { description: 'The delivery', schema: webhookDeliverySchema }, 404: errorDoc('No such webhook or delivery'), 429: errorDoc('RATE_LIMIT_EXCEEDED: the daily webhook limit is reached') },
    },
  },
]);
