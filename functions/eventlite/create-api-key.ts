import { endpoint } from '../../shared/http/endpoint.ts';
import { createApiKeyBody } from '../../shared/schemas/api-keys.ts';
import { createApiKeyUseCase } from '../../shared/app/identity/create-api-key.ts';
import { apiKeyView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite', body: createApiKeyBody }, async ({ body, principal, scope }) => {
  const { record, secret } = await createApiKeyUseCase(principal, body, scope.lang);
  return { statusCode: 201, body: { data: { ...apiKeyView(record), key: secret } }, headers: { 'Cache-Control': 'no-store' } };
});
