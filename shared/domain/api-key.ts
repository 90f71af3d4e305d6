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

/**
 * What a key may do. A JWT holds every scope; a key holds the ones it was issued with, and a key
 * issuing a key can hand on only a subset of its own. Scopes bound a key, roles still apply on
 * top: a technician's key with `planninghub:write` cannot do what the technician cannot.
 */
export const API_KEY_SCOPES = ['eventlite:read', 'eventlite:write', 'planninghub:read', 'planninghub:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** A key created without scopes: EventLite only, as before keys had scopes. */
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = ['eventlite:read', 'eventlite:write'];

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place a route's scope is derived: its surface, and read for GET/HEAD (OPTIONS), write
 * for every other method (and an unknown one). Routes outside both surfaces (health) need none.
 */
export function requiredScope(surface: string, method: string): ApiKeyScope | null {
  if (surface !== 'eventlite' && surface !== 'planninghub') return null;
  return `${surface}:${READ_METHODS.has(method.toUpperCase()) ? 'read' : 'write'}`;
}

/** The requested scopes the holder does not have (empty: the request is within its rights). */
export const scopesBeyond = (held: readonly string[], requested: readonly string[]) => requested.filter((scope) => !held.includes(scope));

/** Comma-separated, as the authorizer's simple responses carry only primitives. */
export const encodeScopes = (scopes: readonly string[]) => scopes.join(',');
export const decodeScopes = (encoded: string | undefined): ApiKeyScope[] =>
  (encoded ? encoded.split(',') : []).filter((scope): scope is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(scope));

/** The longest a key may be issued for, when an expiry is asked for. */
export const MAX_API_KEY_LIFETIME_SECONDS = 365 * 24 * 3600;

export type ExpiryProblem = 'past' | 'too_far' | 'beyond_parent';

/**
 * The expiry of a new key in epoch seconds (rounded down, so never later than asked), or null for
 * none, or why the request is refused. A key issued by an expiring key cannot outlive it: it
 * inherits the parent's expiry when none is asked for, and may not ask for a later one.
 */
export function apiKeyExpiry(
  requested: string | undefined,
  now: Date,
  parentExpiresAt?: number,
): { expiresAt: number | null } | { problem: ExpiryProblem } {
  if (requested === undefined) return { expiresAt: parentExpiresAt ?? null };
  const expiresAt = Math.floor(Date.parse(requested) / 1000);
  const nowSeconds = now.getTime() / 1000;
  if (!(expiresAt > nowSeconds)) return { problem: 'past' };
  if (expiresAt > nowSeconds + MAX_API_KEY_LIFETIME_SECONDS) return { problem: 'too_far' };
  if (parentExpiresAt !== undefined && expiresAt > parentExpiresAt) return { problem: 'beyond_parent' };
  return { expiresAt };
}

/** Expired at `now`: the authorizer then treats the key as unknown. */
export const isApiKeyExpired = (expiresAt: number | null | undefined, now: Date) =>
  typeof expiresAt === 'number' && expiresAt * 1000 <= now.getTime();
