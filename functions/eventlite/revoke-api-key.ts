import { endpoint } from '../../shared/http/endpoint.ts';
import { apiKeyIdParams } from '../../shared/schemas/api-key-params.ts';
import { revokeApiKeyUseCase } from '../../shared/app/identity/api-keys.ts';

export const handler = endpoint({ surface: 'eventlite', params: apiKeyIdParams }, async ({ params, principal }) => {
  await revokeApiKeyUseCase(principal, params.id);
  return { statusCode: 200, body: { message: 'API key revoked successfully' } };
});
