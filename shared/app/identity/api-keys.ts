import { listApiKeys, revokeApiKey, type ApiKeyRecord } from '../../store/identity.ts';
import type { Actor } from '../actor.ts';

/** GET /api/v1/auth/api-keys: the caller's own keys, never another user's. */
export function listApiKeysUseCase(actor: Actor, now = new Date()): Promise<ApiKeyRecord[]> {
  return listApiKeys(actor.userId, now);
}

/** DELETE /api/v1/auth/api-keys/{id}: only the caller's own key; any other id is not found. */
export function revokeApiKeyUseCase(actor: Actor, keyId: string, now = new Date()): Promise<void> {
  return revokeApiKey(actor.userId, keyId, now);
}
