import { endpoint } from '../../shared/http/endpoint.ts';
import { listApiKeys } from '../../shared/store/identity.ts';
import { apiKeyView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite' }, async ({ principal }) => {
  const records = await listApiKeys(principal.userId);
  return { statusCode: 200, body: { data: records.map(apiKeyView) } };
});
