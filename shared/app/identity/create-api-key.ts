import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { apiKeyExpiry, DEFAULT_API_KEY_SCOPES, generateApiKey, scopesBeyond, type ApiKeyScope, type ExpiryProblem } from '../../domain/api-key.ts';
import { insertApiKey, type ApiKeyRecord } from '../../store/identity.ts';
import type { Actor } from '../actor.ts';

const expiryMessages: Record<ExpiryProblem, { fr: string; en: string }> = {
  past: { fr: 'doit être dans le futur', en: 'must be in the future' },
  too_far: { fr: "doit être au plus dans un an", en: 'must be at most one year ahead' },
  beyond_parent: { fr: "ne peut pas dépasser l'expiration de la clé qui fait la demande", en: 'must not be later than the expiry of the key making this request' },
};

/** The same 400 as a schema refusal (field and message), decided here because it depends on the caller's key. */
function invalidExpiry(problem: ExpiryProblem, lang: 'fr' | 'en'): DomainError {
  const issues = [{ field: 'expiresAt', message: expiryMessages[problem][lang] }];
  return new DomainError(
    'invalid',
    'VALIDATION_ERROR',
    {
      fr: `Données invalides : ${issues.map((i) => `${i.field} - ${i.message}`).join('; ')}`,
      en: `Invalid data: ${issues.map((i) => `${i.field} - ${i.message}`).join('; ')}`,
    },
    issues,
  );
}

/**
 * POST /api/v1/auth/api-keys: a key for the caller in the caller's organisation, holding at most
 * the caller's scopes and expiring no later than the key that asks. The secret is returned once.
 */
export async function createApiKeyUseCase(
  actor: Actor,
  input: { name?: string; scopes?: readonly ApiKeyScope[]; expiresAt?: string },
  lang: 'fr' | 'en',
  now = new Date(),
): Promise<{ record: ApiKeyRecord; secret: string }> {
  const scopes = [...new Set(input.scopes ?? DEFAULT_API_KEY_SCOPES)];
  // A JWT holds every scope; a key hands on only what it holds.
  const beyond = scopesBeyond(actor.scopes, scopes);
  if (beyond.length > 0) {
    throw new DomainError(
      'forbidden',
      'INSUFFICIENT_SCOPE',
      { fr: `Accès refusé : vous ne pouvez pas accorder ${beyond.join(', ')}`, en: `Forbidden - you cannot grant ${beyond.join(', ')}` },
      beyond.map((scope) => ({ field: 'scopes', message: scope })),
    );
  }
  const expiry = apiKeyExpiry(input.expiresAt, now, actor.authType === 'apiKey' ? actor.apiKeyExpiresAt : undefined);
  if ('problem' in expiry) throw invalidExpiry(expiry.problem, lang);
  if (!actor.membershipGeneration) throw new DomainError('forbidden', 'FORBIDDEN', 'Forbidden - You are not a member of this organization');

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
