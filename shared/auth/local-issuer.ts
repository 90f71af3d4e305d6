/**
 * Signs RS256 access tokens shaped like Auth0's with the development key pair. Used by the local
 * runtime (demo credentials) and by POST /v1/auth/login when no Auth0 tenant is configured.
 */
import { createPrivateKey, createPublicKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { config } from '../config.ts';
import { CLAIM_NAMESPACE } from './claims.ts';

export const DEV_ISSUER = 'https://dev-issuer.planninghub.local/';
export const API_AUDIENCE = 'https://planninghub-spectacle.fr/api';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export const keyIdOf = (privateKey: KeyObject) =>
  b64url(Buffer.from(String((createPublicKey(privateKey).export({ format: 'jwk' }) as { n: string }).n)).subarray(0, 12));

export interface TokenRequest {
  userId: string;
  organizationId?: string;
  expiresInSeconds?: number;
  extra?: Record<string, unknown>;
}

export function signAccessToken(privateKey: KeyObject, request: TokenRequest, issuer = DEV_ISSUER, audience = API_AUDIENCE): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: keyIdOf(privateKey) };
  const payload = {
    iss: issuer,
    aud: audience,
    sub: request.userId,
    iat: now,
    exp: now + (request.expiresInSeconds ?? 3600),
    jti: randomUUID(),
    ...(request.organizationId ? { [`${CLAIM_NAMESPACE}org_id`]: request.organizationId } : {}),
    ...request.extra,
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${b64url(sign('RSA-SHA256', Buffer.from(signingInput), privateKey))}`;
}

let cachedKey: { file: string; key: KeyObject } | undefined;

/** The development signing key named by DEV_ISSUER_KEY_FILE (set by the local runtime only). */
export function devSigningKey(): KeyObject | undefined {
  const file = config.devIssuerKeyFile;
  if (!file) return undefined;
  if (cachedKey?.file !== file) cachedKey = { file, key: createPrivateKey(readFileSync(file)) };
  return cachedKey.key;
}
