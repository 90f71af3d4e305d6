import { describe, expect, it, inject } from 'vitest';
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { admin, api } from './support.ts';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const ISSUER = 'https://dev-issuer.planninghub.local/';
const AUDIENCE = 'https://planninghub-spectacle.fr/api';
const ORG_CLAIM = 'https://planninghub-spectacle.fr/org_id';

function kidOfDevIssuer(): string {
  return JSON.parse(Buffer.from(admin().accessToken.split('.')[0]!, 'base64url').toString()).kid;
}

function token(payload: Record<string, unknown>, options: { alg?: string; key?: 'dev' | 'other' | 'hs256-public' | 'none' } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: options.alg ?? 'RS256', typ: 'JWT', kid: kidOfDevIssuer() };
  const body = { iss: ISSUER, aud: AUDIENCE, sub: 'user_admin', iat: now, exp: now + 600, [ORG_CLAIM]: 'org_123', ...payload };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(body))}`;
  const keyDir = inject('issuerKeyDir');
  const devKey = createPrivateKey(readFileSync(join(keyDir, 'dev-issuer-private.pem')));
  switch (options.key ?? 'dev') {
    case 'dev':
      return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), devKey))}`;
    case 'other':
      return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey))}`;
    case 'hs256-public': {
      // The classic key-confusion attack: HMAC keyed with the issuer's public key.
      const publicPem = createPublicKey(devKey).export({ type: 'spki', format: 'pem' }).toString();
      return `${input}.${b64url(createHmac('sha256', publicPem).update(input).digest())}`;
    }
    case 'none':
      return `${input}.`;
  }
}

describe('JWT verification in the authorizer', () => {
  it('accepts a token from the development issuer', async () => {
    const response = await api('GET', '/api/v1/events', { token: token({}) });
    expect(response.status).toBe(200);
  });

  it.each([
    ['an expired token', () => token({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['a forged signature', () => token({}, { key: 'other' })],
    ['alg none', () => token({}, { alg: 'none', key: 'none' })],
    ['HS256 signed with the issuer public key', () => token({}, { alg: 'HS256', key: 'hs256-public' })],
    ['a wrong audience', () => token({ aud: 'https://someone-else/api' })],
    ['a wrong issuer', () => token({ iss: 'https://evil.example/' })],
    ['a tampered payload', () => {
      const [h, , s] = token({}).split('.');
      return `${h}.${b64url(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: 'user_999', exp: 9999999999, [ORG_CLAIM]: 'org_999' }))}.${s}`;
    }],
  ])('refuses %s with 401', async (_label, make) => {
    const response = await api('GET', '/api/v1/events', { token: make() });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'Unauthorized - Invalid or missing API key' });
  });

  it('refuses an organisation the user is not a member of with 403', async () => {
    const response = await api('GET', '/api/v1/events', { token: token({ [ORG_CLAIM]: 'org_999' }) });
    expect(response.status).toBe(403);
  });
});
