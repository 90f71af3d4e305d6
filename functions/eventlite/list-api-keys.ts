import { endpoint } from '../../shared/http/endpoint.ts';
import { listApiKeysUseCase } from '../../shared/app/identity/api-keys.ts';
import { apiKeyView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite' }, async ({ principal }) => {
  const records = await listApiKeysUseCase(principal);
  return { statusCode: 200, body: { data: records.map(apiKeyView) } };
});
