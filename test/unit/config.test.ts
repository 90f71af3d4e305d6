/**
 * The functions' configuration (shared/config.ts): formats checked at cold start, a missing value
 * named where it is needed, the README table in step with the module, and no other module of
 * shared/ or functions/ reading the environment.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_VARIABLES, ConfigurationError, config, need, validateEnvironment } from '../../shared/config.ts';

const root = join(import.meta.dirname, '..', '..');

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The thrown error, or a failure when nothing was thrown. */
function errorOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('validateEnvironment() (run at import, that is at cold start)', () => {
  it('accepts an environment without any variable, and a complete well-formed one', () => {
    // prepare
    const complete = {
      TABLE_NAME: 'stagecrew',
      LOG_LEVEL: 'warn',
      LOG_SILENT: 'false',
      RATE_LIMIT_STANDARD: '100',
      RATE_LIMIT_CRITICAL: '20',
      PUBLIC_BASE_URL: 'https://api.example.com/prod',
      APP_BASE_URL: 'https://app.example.com',
      JWT_ISSUER: 'https://tenant.eu.auth0.com/',
      JWT_AUDIENCE: 'https://planninghub-spectacle.fr/api',
      JWKS_URI: 'https://tenant.eu.auth0.com/.well-known/jwks.json',
      AUTH0_DOMAIN: 'tenant.eu.auth0.com',
      AUTH0_CLIENT_ID: 'client-1',
      AUTH0_CLIENT_SECRET: 'secret-1',
      AUTH0_REALM: 'Username-Password-Authentication',
      DEV_ISSUER_KEY_FILE: '/tmp/key.pem',
      CHECKIN_TOKEN_SECRET: 'x'.repeat(32),
      CHECKIN_TOKEN_SECRET_PREVIOUS: 'y'.repeat(32),
      CHECKIN_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:CheckinTokenSecret-AbCdEf',
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
      AWS_SESSION_TOKEN: 'token',
      BUCKET_COVER_IMAGES: 'cover-images-bucket',
      BUCKET_RIDERS: 'riders-bucket',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4566',
      UPLOAD_ALLOW_PRIVATE_HOSTS: 'true',
      STAGE: 'production',
      _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      TOPIC_ARN_SHIFT_CONFLICT: 'arn:aws:sns:eu-west-3:123456789012:shift-conflict',
      TOPIC_ARN_EQUIPMENT_MAINTENANCE: 'arn:aws:sns:eu-west-3:123456789012:equipment-maintenance',
      TOPIC_ARN_SHIFT: 'arn:aws:sns:eu-west-3:123456789012:shift',
      TOPIC_ARN_EQUIPMENT_BOOKING: 'arn:aws:sns:eu-west-3:123456789012:equipment-booking',
      TOPIC_ARN_EVENT: 'arn:aws:sns:eu-west-3:123456789012:event',
      TOPIC_ARN_REGISTRATION: 'arn:aws:sns:eu-west-3:123456789012:registration',
      WEBHOOK_QUEUE_URL: 'https://sqs.eu-west-3.amazonaws.com/123456789012/webhook-deliveries',
      WEBHOOK_ALLOW_INSECURE: 'false',
      WEBHOOK_DAILY_LIMIT: '1000',
      WEBHOOK_RETRY_BASE_SECONDS: '30',
    };
    // act + assess
    expect(() => validateEnvironment({})).not.toThrow();
    expect(() => validateEnvironment(complete)).not.toThrow();
    expect(Object.keys(complete).sort()).toEqual(CONFIG_VARIABLES.map(({ name }) => name).sort());
  });

  it('refuses malformed values, naming every culprit and what it expected', () => {
    // prepare
    const env = { RATE_LIMIT_STANDARD: 'abc', LOG_LEVEL: 'loud', PUBLIC_BASE_URL: 'api.example.com', TABLE_NAME: 'fine' };
    // act
    const error = errorOf(() => validateEnvironment(env));
    // assess
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('RATE_LIMIT_STANDARD must be a whole number from 1 to 1000000 (got "abc")');
    expect(error.message).toContain('LOG_LEVEL must be one of debug, info, warn, error (got "loud")');
    expect(error.message).toContain('PUBLIC_BASE_URL must be an absolute http(s) URL (got "api.example.com")');
    expect(error.message).not.toContain('TABLE_NAME');
  });

  it.each([
    ['RATE_LIMIT_CRITICAL', '0'],
    ['RATE_LIMIT_CRITICAL', '2.5'],
    ['RATE_LIMIT_CRITICAL', '-3'],
    ['LOG_SILENT', 'yes'],
    ['UPLOAD_ALLOW_PRIVATE_HOSTS', '1'],
    ['APP_BASE_URL', 'ftp://files.example.com'],
    ['JWKS_URI', 'not a url'],
    ['JWT_ISSUER', 'tenant.eu.auth0.com'],
    ['AUTH0_DOMAIN', 'https://tenant.eu.auth0.com/'],
    ['PARAMETERS_SECRETS_EXTENSION_HTTP_PORT', '70000'],
    ['CHECKIN_TOKEN_SECRET_ARN', 'CheckinTokenSecret'],
    ['AWS_ENDPOINT_URL_S3', 'localhost:4566'],
  ])('refuses %s=%s', (name, value) => {
    expect(errorOf(() => validateEnvironment({ [name]: value })).message).toContain(`${name} must be`);
  });

  it('treats an empty value as unset (the stack writes "" for "not configured")', () => {
    expect(() => validateEnvironment({ JWT_ISSUER: '', JWKS_URI: '', RATE_LIMIT_STANDARD: '' })).not.toThrow();
  });

  it('fails the import of the module, hence the cold start of every function, on a malformed value', async () => {
    // prepare
    vi.stubEnv('LOG_LEVEL', 'loud');
    // act
    const importing = import('../../shared/config.ts');
    // assess
    await expect(importing).rejects.toThrow(/LOG_LEVEL must be one of debug, info, warn, error \(got "loud"\)/);
  });

  it('fails the import of a handler too, not only of the module', async () => {
    // prepare
    vi.stubEnv('RATE_LIMIT_STANDARD', 'abc');
    // act
    const importing = import('../../functions/system/health.ts');
    // assess
    await expect(importing).rejects.toThrow(/RATE_LIMIT_STANDARD must be a whole number/);
  });
});

describe('config and need() (read at access)', () => {
  it('gives typed values with the defaults the module owns', () => {
    // prepare
    for (const name of ['LOG_LEVEL', 'LOG_SILENT', 'RATE_LIMIT_STANDARD', 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT', 'UPLOAD_ALLOW_PRIVATE_HOSTS']) vi.stubEnv(name, '');
    // act + assess
    expect([config.logLevel, config.logSilent, config.rateLimitStandard, config.parametersSecretsExtensionPort, config.uploadAllowPrivateHosts]).toEqual([
      'info',
      false,
      undefined,
      2773,
      false,
    ]);
    vi.stubEnv('RATE_LIMIT_STANDARD', '250');
    vi.stubEnv('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT', '9000');
    vi.stubEnv('UPLOAD_ALLOW_PRIVATE_HOSTS', 'true');
    expect([config.rateLimitStandard, config.parametersSecretsExtensionPort, config.uploadAllowPrivateHosts]).toEqual([250, 9000, true]);
  });

  it('sees a variable set after the import (the local runtime sets them once its emulators run)', () => {
    // prepare
    vi.stubEnv('BUCKET_COVER_IMAGES', '');
    expect(config.coverImagesBucket).toBeUndefined();
    // act
    vi.stubEnv('BUCKET_COVER_IMAGES', 'late-bucket');
    // assess
    expect(config.coverImagesBucket).toBe('late-bucket');
    expect(need('BUCKET_COVER_IMAGES')).toBe('late-bucket');
  });

  it('names a missing variable at the moment a function needs it', () => {
    // prepare
    vi.stubEnv('BUCKET_COVER_IMAGES', '');
    // act
    const error = errorOf(() => need('BUCKET_COVER_IMAGES'));
    // assess
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('BUCKET_COVER_IMAGES is not set');
  });

  it('throws at access on a value made malformed after the import', () => {
    vi.stubEnv('RATE_LIMIT_CRITICAL', 'twenty');
    expect(() => config.rateLimitCritical).toThrow(ConfigurationError);
  });

  it('offers JWT verification only with both an issuer and a JWKS, the audience defaulting to the API', () => {
    vi.stubEnv('JWT_ISSUER', '');
    vi.stubEnv('JWKS_URI', 'https://issuer.example/jwks.json');
    vi.stubEnv('JWT_AUDIENCE', '');
    expect(config.jwtVerification).toBeUndefined();
    vi.stubEnv('JWT_ISSUER', 'https://issuer.example/');
    expect(config.jwtVerification).toEqual({ issuer: 'https://issuer.example/', jwksUri: 'https://issuer.example/jwks.json', audience: 'https://planninghub-spectacle.fr/api' });
  });
});

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });

describe('one reader of the environment', () => {
  it('no file of shared/ or functions/ but shared/config.ts mentions process.env', () => {
    // prepare
    const files = [...sourceFiles(join(root, 'shared')), ...sourceFiles(join(root, 'functions'))].filter((file) => !file.endsWith('.json'));
    // act
    const readers = files
      .filter((file) => relative(root, file) !== join('shared', 'config.ts'))
      .filter((file) => /\bprocess\s*(\.\s*env\b|\[\s*['"`]env['"`]\s*\])|\benv\b[^;=]*\}\s*=\s*process\b|\bimport\.meta\.env\b|from\s+['"](node:)?process['"]/.test(readFileSync(file, 'utf8')));
    // assess
    expect(files.length).toBeGreaterThan(50);
    expect(readers.map((file) => relative(root, file))).toEqual([]);
  });
});

describe('the README "Configuration" table', () => {
  it('lists exactly the variables the module reads', () => {
    // prepare
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    // act
    const documented = rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1]!));
    // assess
    expect(rows.every((row) => row.split('|').length === 6), 'four columns: variable, meaning, default, needed by').toBe(true);
    expect(documented.sort()).toEqual(CONFIG_VARIABLES.map(({ name }) => name).sort());
  });
});
