/**
 * The local development issuer: an RS256 key pair kept under .local/, a JWKS served by the local
 * gateway, and tokens shaped like Auth0's, so the authorizer runs the same verification code as
 * in production.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIM_NAMESPACE } from '../shared/auth/jwt.ts';

export const DEV_ISSUER = 'https://dev-issuer.planninghub.local/';
export const API_AUDIENCE = 'https://planninghub-spectacle.fr/api';

export interface DevIssuer {
  issuer: string;
  audience: string;
  kid: string;
  jwks: { keys: Record<string, unknown>[] };
  publicKeyPem: string;
  issue(claims: { userId: string; organizationId?: string; expiresInSeconds?: number; extra?: Record<string, unknown> }): string;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function loadDevIssuer(directory: string): DevIssuer {
  mkdirSync(directory, { recursive: true });
  const keyFile = join(directory, 'dev-issuer-private.pem');
  let privateKey: KeyObject;
  if (existsSync(keyFile)) {
    privateKey = createPrivateKey(readFileSync(keyFile));
  } else {
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const kid = b64url(Buffer.from(String(jwk.n)).subarray(0, 12));
  return {
    issuer: DEV_ISSUER,
    audience: API_AUDIENCE,
    kid,
    jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] },
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    issue({ userId, organizationId, expiresInSeconds = 3600, extra = {} }) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'RS256', typ: 'JWT', kid };
      const payload = {
        iss: DEV_ISSUER,
        aud: API_AUDIENCE,
        sub: userId,
        iat: now,
        exp: now + expiresInSeconds,
        jti: randomUUID(),
        ...(organizationId ? { [`${CLAIM_NAMESPACE}org_id`]: organizationId } : {}),
        ...extra,
      };
      const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
      return `${signingInput}.${b64url(sign('RSA-SHA256', Buffer.from(signingInput), privateKey))}`;
    },
  };
}
