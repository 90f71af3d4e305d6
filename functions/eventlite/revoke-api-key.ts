import { endpoint } from '../../shared/http/endpoint.ts';
import { apiKeyIdParams } from '../../shared/schemas/eventlite.ts';
import { revokeApiKey } from '../../shared/store/identity.ts';

export const handler = endpoint({ surface: 'eventlite', params: apiKeyIdParams }, async ({ params, principal }) => {
  await revokeApiKey(principal.userId, params.id, new Date());
  return { statusCode: 200, body: { message: 'API key revoked successfully' } };
});
