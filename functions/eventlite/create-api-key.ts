import { randomUUID } from 'node:crypto';
import { endpoint } from '../../shared/http/endpoint.ts';
import { HttpError, validationError } from '../../shared/http/errors.ts';
import { createApiKeyBody } from '../../shared/schemas/eventlite.ts';
import { apiKeyExpiry, DEFAULT_API_KEY_SCOPES, generateApiKey, scopesBeyond } from '../../shared/domain/api-key.ts';
import { insertApiKey } from '../../shared/store/identity.ts';
import { apiKeyView } from '../../shared/views/eventlite.ts';
import { message } from '../../shared/messages/catalogue.ts';


export const handler = endpoint({ surface: 'eventlite', body: createApiKeyBody }, async ({ body, principal, scope }) => {
  const now = new Date();
  const scopes = [...new Set(body.scopes ?? DEFAULT_API_KEY_SCOPES)];
  // A JWT holds every scope; a key hands on only what it holds.
  const beyond = scopesBeyond(principal.scopes, scopes);
  if (beyond.length > 0) {
    throw HttpError.of(403, 'INSUFFICIENT_SCOPE.grant', { params: { scopes: beyond }, details: beyond.map((scope) => ({ field: 'scopes', message: scope })) });
  }
  const expiry = apiKeyExpiry(body.expiresAt, now, principal.authType === 'apiKey' ? principal.apiKeyExpiresAt : undefined);
  if ('problem' in expiry) throw validationError([{ field: 'expiresAt', message: message(`API_KEY_EXPIRY.${expiry.problem}`)[scope.lang] }]);
  if (!principal.membershipGeneration) throw HttpError.of(403, 'FORBIDDEN.api_key_not_member');

  const generated = generateApiKey();
  const record = {
    id: randomUUID(),
    userId: principal.userId,
    organizationId: principal.organizationId,
    name: body.name ?? null,
    prefix: generated.displayPrefix,
    createdAt: now.toISOString(),
    revokedAt: null,
    scopes,
    expiresAt: expiry.expiresAt,
    membershipGeneration: principal.membershipGeneration,
  };
  await insertApiKey(record, generated.hash);
  return { statusCode: 201, body: { data: { ...apiKeyView(record), key: generated.secret } }, headers: { 'Cache-Control': 'no-store' } };
});
