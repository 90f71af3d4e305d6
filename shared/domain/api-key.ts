/**
 * EventLite API keys: 256 random bits, shown once, stored only as a SHA-256 hash. A fast hash is
 * right here (unlike passwords): the secret is random, so there is nothing to brute-force, and
 * the authorizer looks it up on every request.
 */
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'elk_';

export interface GeneratedApiKey {
  secret: string;
  hash: string;
  /** Enough of the key to recognise it in a list, never enough to use it. */
  displayPrefix: string;
}

export function generateApiKey(): GeneratedApiKey {
  const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiKey(secret), displayPrefix: secret.slice(0, PREFIX.length + 6) };
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Cheap shape check before any table read: random keys are base64url of a fixed length. */
export const looksLikeApiKey = (value: string) => /^elk_[A-Za-z0-9_-]{43}$/.test(value);
