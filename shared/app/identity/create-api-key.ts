import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { apiKeyExpiry, DEFAULT_API_KEY_SCOPES, generateApiKey, scopesBeyond, type ApiKeyScope, type ExpiryProblem } from '../../domain/api-key.ts';
import { insertApiKey, type ApiKeyRecord } from '../../store/identity.ts';
import type { Actor } from '../actor.ts';
import { message, type Language } from '../../messages/catalogue.ts';

/** The same 400 as a schema refusal (field and message), decided here because it depends on the caller's key. */
function invalidExpiry(problem: ExpiryProblem, lang: Language): DomainError {
  const issues = [{ field: 'expiresAt', message: message(`API_KEY_EXPIRY.${problem}`)[lang] }];
  return DomainError.of('invalid', 'VALIDATION_ERROR.fields', { params: { issues }, details: issues });
}

/**
 * POST /api/v1/auth/api-keys: a key for the caller in the caller's organisation, holding at most
 * the caller's scopes and expiring no later than the key that asks. The secret is returned once.
 */
export async function createApiKeyUseCase(
  actor: Actor,
  input: { name?: string; scopes?: readonly ApiKeyScope[]; expiresAt?: string },
  lang: Language,
  now = new Date(),
): Promise<{ record: ApiKeyRecord; secret: string }> {
  const scopes = [...new Set(input.scopes ?? DEFAULT_API_KEY_SCOPES)];
  // A JWT holds every scope; a key hands on only what it holds.
  const beyond = scopesBeyond(actor.scopes, scopes);
  if (beyond.length > 0) {
    throw DomainError.of('forbidden', 'INSUFFICIENT_SCOPE.grant', { params: { scopes: beyond }, details: beyond.map((scope) => ({ field: 'scopes', message: scope })) });
  }
  const expiry = apiKeyExpiry(input.expiresAt, now, actor.authType === 'apiKey' ? actor.apiKeyExpiresAt : undefined);
  if ('problem' in expiry) throw invalidExpiry(expiry.problem, lang);
  if (!actor.membershipGeneration) throw DomainError.of('forbidden', 'FORBIDDEN.api_key_not_member');

  const generated = generateApiKey();
  const record: ApiKeyRecord = {
    id: randomUUID(),
    userId: actor.userId,
    organizationId: actor.organizationId,
    name: input.name ?? null,
    prefix: generated.displayPrefix,
    createdAt: now.toISOString(),
    revokedAt: null,
    scopes,
    expiresAt: expiry.expiresAt,
    membershipGeneration: actor.membershipGeneration,
  };
  await insertApiKey(record, generated.hash);
  return { record, secret: generated.secret };
}
