import { randomUUID } from 'node:crypto';
import { endpoint } from '../../shared/http/endpoint.ts';
import { createApiKeyBody } from '../../shared/schemas/eventlite.ts';
import { generateApiKey } from '../../shared/domain/api-key.ts';
import { insertApiKey } from '../../shared/store/identity.ts';
import { apiKeyView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite', body: createApiKeyBody }, async ({ body, principal }) => {
  const generated = generateApiKey();
  const record = {
    id: randomUUID(),
    userId: principal.userId,
    organizationId: principal.organizationId,
    name: body.name ?? null,
    prefix: generated.displayPrefix,
    createdAt: new Date().toISOString(),
    revokedAt: null,
  };
  await insertApiKey(record, generated.hash);
  return { statusCode: 201, body: { data: { ...apiKeyView(record), key: generated.secret } }, headers: { 'Cache-Control': 'no-store' } };
});
