import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../lib/stack.ts';

const settings = (context: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) =>
  readSettings(new App({ context }).node, env);

describe('readSettings', () => {
  it('has working defaults, without an issuer', () => {
    expect(settings()).toEqual({
      auth0Issuer: undefined,
      auth0Audience: 'https://planninghub-spectacle.fr/api',
      jwksUri: undefined,
      stageName: '$default',
      publicBaseUrl: undefined,
      logRetention: 30,
      throttle: { rateLimit: 50, burstLimit: 100 },
    });
  });

  it('derives the issuer and JWKS URI from the Auth0 domain', () => {
    const s = settings({ auth0Domain: 'acme.eu.auth0.com' });
    expect(s.auth0Issuer).toBe('https://acme.eu.auth0.com/');
    expect(s.jwksUri).toBe('https://acme.eu.auth0.com/.well-known/jwks.json');
  });

  it('takes an explicit issuer, audience, JWKS URI and stage', () => {
    const s = settings({
      auth0Issuer: 'https://login.example.com',
      auth0Audience: 'https://api.example.com',
      stageName: 'prod',
      publicBaseUrl: 'https://api.example.com/',
    });
    expect(s.auth0Issuer).toBe('https://login.example.com');
    expect(s.jwksUri).toBe('https://login.example.com/.well-known/jwks.json');
    expect(s.auth0Audience).toBe('https://api.example.com');
    expect(s.stageName).toBe('prod');
    expect(s.publicBaseUrl).toBe('https://api.example.com');
    expect(settings({ auth0Issuer: 'https://a.auth0.com/', jwksUri: 'https://keys.example.com/jwks' }).jwksUri).toBe(
      'https://keys.example.com/jwks',
    );
  });

  it('prefers context to STAGECREW_* variables, and ignores unprefixed ones', () => {
    const env = { STAGECREW_AUTH0_DOMAIN: 'env.eu.auth0.com', JWKS_URI: 'http://127.0.0.1:9999/jwks', STAGECREW_STAGE_NAME: 'dev' };
    expect(settings({}, env)).toMatchObject({
      auth0Issuer: 'https://env.eu.auth0.com/',
      jwksUri: 'https://env.eu.auth0.com/.well-known/jwks.json',
      stageName: 'dev',
    });
    expect(settings({ stageName: 'prod' }, env).stageName).toBe('prod');
  });

  it('parses numbers given as strings on the command line, and refuses nonsense', () => {
    expect(settings({ logRetentionDays: '90', throttleRateLimit: '20', throttleBurstLimit: '40' })).toMatchObject({
      logRetention: 90,
      throttle: { rateLimit: 20, burstLimit: 40 },
    });
    expect(() => settings({ logRetentionDays: '31' })).toThrow(/retention/);
    expect(() => settings({ throttleRateLimit: '-1' })).toThrow(/positive integer/);
    expect(() => settings({ auth0Issuer: 'http://insecure.example.com/' })).toThrow(/https/);
  });
});
