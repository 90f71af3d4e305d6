/**
 * The local development issuer: an RS256 key pair kept under .local/, a JWKS served by the local
 * gateway, and tokens shaped like Auth0's, so the authorizer runs the same verification code as
 * in production.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_AUDIENCE, DEV_ISSUER, keyIdOf, signAccessToken, type TokenRequest } from '../shared/auth/local-issuer.ts';

export { API_AUDIENCE, DEV_ISSUER };

export interface DevIssuer {
  issuer: string;
  audience: string;
  kid: string;
  keyFile: string;
  jwks: { keys: Record<string, unknown>[] };
  issue(request: TokenRequest): string;
}

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
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as Record<string, unknown>;
  const kid = keyIdOf(privateKey);
  return {
    issuer: DEV_ISSUER,
    audience: API_AUDIENCE,
    kid,
    keyFile,
    jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] },
    issue: (request) => signAccessToken(privateKey, request),
  };
}
