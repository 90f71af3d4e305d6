import { randomUUID } from 'node:crypto';
import { endpoint } from '../../shared/http/endpoint.ts';
import { HttpError, validationError } from '../../shared/http/errors.ts';
import { createApiKeyBody } from '../../shared/schemas/eventlite.ts';
import { apiKeyExpiry, DEFAULT_API_KEY_SCOPES, generateApiKey, scopesBeyond, type ExpiryProblem } from '../../shared/domain/api-key.ts';
import { insertApiKey } from '../../shared/store/identity.ts';
import { apiKeyView } from '../../shared/views/eventlite.ts';

const expiryMessages: Record<ExpiryProblem, { fr: string; en: string }> = {
  past: { fr: 'doit être dans le futur', en: 'must be in the future' },
  too_far: { fr: "doit être au plus dans un an", en: 'must be at most one year ahead' },
  beyond_parent: { fr: "ne peut pas dépasser l'expiration de la clé qui fait la demande", en: 'must not be later than the expiry of the key making this request' },
};

export const handler = endpoint({ surface: 'eventlite', body: createApiKeyBody }, async ({ body, principal, scope }) => {
  const now = new Date();
  const scopes = [...new Set(body.scopes ?? DEFAULT_API_KEY_SCOPES)];
  // A JWT holds every scope; a key hands on only what it holds.
  const beyond = scopesBeyond(principal.scopes, scopes);
  if (beyond.length > 0) {
    throw new HttpError(
      403,
      'INSUFFICIENT_SCOPE',
      { fr: `Accès refusé : vous ne pouvez pas accorder ${beyond.join(', ')}`, en: `Forbidden - you cannot grant ${beyond.join(', ')}` },
      { details: beyond.map((scope) => ({ field: 'scopes', message: scope })) },
    );
  }
  const expiry = apiKeyExpiry(body.expiresAt, now, principal.authType === 'apiKey' ? principal.apiKeyExpiresAt : undefined);
  if ('problem' in expiry) throw validationError([{ field: 'expiresAt', message: expiryMessages[expiry.problem][scope.lang] }]);
  if (!principal.membershipGeneration) throw new HttpError(403, 'FORBIDDEN', 'Forbidden - You are not a member of this organization');

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
