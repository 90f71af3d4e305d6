/**
 * The functions' configuration: the one module of shared/ and functions/ that reads `process.env`
 * (test/unit/config.test.ts enforces it). Every variable is declared once in `variables` below, and
 * documented in the README's "Configuration" table (the same test keeps the two in step).
 *
 * Two moments, on purpose:
 * - **At import (cold start)** every variable that is present is checked against its format, and a
 *   malformed one throws a `ConfigurationError` naming every culprit: the function fails its init
 *   loudly instead of running with a default nobody asked for (RATE_LIMIT_STANDARD=abc, LOG_LEVEL=loud).
 * - **A missing value is judged where it is needed** (`need(...)`): a function that never touches the
 *   bucket must start without BUCKET_COVER_IMAGES, and one that does fails on its first use with the
 *   variable's name, not with an SDK error about an empty bucket name.
 *
 * Values are read at access, parsed once per distinct raw value and memoised: in Lambda that is once
 * per cold start; the local runtime and the tests set variables after some modules were imported,
 * and they are seen without a reset hook.
 *
 * Hand-written checks rather than zod: this module is in every bundle, and cold starts are budgeted
 * (docs/bench.md).
 */

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

type Parse<T> = (raw: string, name: string) => T;

/** Who needs a variable, in the manifest's terms (the infra test checks the stack sets it for them). */
export type Need = 'table' | `bucket:${string}` | 'usesCheckinSecret' | 'authorizer' | 'publisher' | 'webhookDelivery';

interface Variable<T> {
  /** Secrets are only ever parsed as text, so that no error message (they end up in logs) echoes one. */
  parse: Parse<T>;
  /** The functions that cannot work without it, once deployed. */
  neededBy?: Need;
}

const malformed = (name: string, expected: string, raw: string) => new ConfigurationError(`${name} must be ${expected} (got ${JSON.stringify(raw)})`);

const text: Parse<string> = (raw) => raw;

const oneOf =
  <T extends string>(...values: T[]): Parse<T> =>
  (raw, name) => {
    if ((values as string[]).includes(raw)) return raw as T;
    throw malformed(name, `one of ${values.join(', ')}`, raw);
  };

const flag: Parse<boolean> = (raw, name) => oneOf('true', 'false')(raw, name) === 'true';

const integer =
  (min: number, max: number): Parse<number> =>
  (raw, name) => {
    const value = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    throw malformed(name, `a whole number from ${min} to ${max}`, raw);
  };

const httpUrl: Parse<string> = (raw, name) => {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // Reported below.
  }
  if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return raw;
  throw malformed(name, 'an absolute http(s) URL', raw);
};

const hostName: Parse<string> = (raw, name) => {
  if (/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/.test(raw)) return raw;
  throw malformed(name, 'a host name without scheme or path (tenant.eu.auth0.com)', raw);
};

const secretArn: Parse<string> = (raw, name) => {
  if (/^arn:[\w-]+:secretsmanager:[\w-]+:\d{12}:secret:\S+$/.test(raw)) return raw;
  throw malformed(name, 'a Secrets Manager secret ARN', raw);
};

/** Every variable the functions read. An empty value counts as unset (the stack writes '' for "not configured"). */
const variables = {
  TABLE_NAME: { parse: text, neededBy: 'table' },
  LOG_LEVEL: { parse: oneOf('debug', 'info', 'warn', 'error') },
  LOG_SILENT: { parse: flag },
  RATE_LIMIT_STANDARD: { parse: integer(1, 1_000_000) },
  RATE_LIMIT_CRITICAL: { parse: integer(1, 1_000_000) },
  PUBLIC_BASE_URL: { parse: httpUrl },
  APP_BASE_URL: { parse: httpUrl },
  JWT_ISSUER: { parse: httpUrl, neededBy: 'authorizer' },
  JWT_AUDIENCE: { parse: text, neededBy: 'authorizer' },
  JWKS_URI: { parse: httpUrl, neededBy: 'authorizer' },
  AUTH0_DOMAIN: { parse: hostName },
  AUTH0_CLIENT_ID: { parse: text },
  AUTH0_CLIENT_SECRET: { parse: text },
  AUTH0_REALM: { parse: text },
  DEV_ISSUER_KEY_FILE: { parse: text },
  CHECKIN_TOKEN_SECRET: { parse: text },
  CHECKIN_TOKEN_SECRET_PREVIOUS: { parse: text },
  CHECKIN_TOKEN_SECRET_ARN: { parse: secretArn, neededBy: 'usesCheckinSecret' },
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: { parse: integer(1, 65_535) },
  AWS_SESSION_TOKEN: { parse: text },
  BUCKET_COVER_IMAGES: { parse: text, neededBy: 'bucket:cover-images' },
  BUCKET_RIDERS: { parse: text, neededBy: 'bucket:riders' },
  AWS_ENDPOINT_URL_S3: { parse: httpUrl },
  UPLOAD_ALLOW_PRIVATE_HOSTS: { parse: flag },
  STAGE: { parse: oneOf('staging', 'production') },
  _X_AMZN_TRACE_ID: { parse: text },
  TOPIC_ARN_SHIFT_CONFLICT: { parse: text, neededBy: 'publisher' },
  TOPIC_ARN_EQUIPMENT_MAINTENANCE: { parse: text, neededBy: 'publisher' },
  TOPIC_ARN_SHIFT: { parse: text, neededBy: 'publisher' },
  TOPIC_ARN_EQUIPMENT_BOOKING: { parse: text, neededBy: 'publisher' },
  TOPIC_ARN_EVENT: { parse: text, neededBy: 'publisher' },
  TOPIC_ARN_REGISTRATION: { parse: text, neededBy: 'publisher' },
  WEBHOOK_QUEUE_URL: { parse: httpUrl, neededBy: 'webhookDelivery' },
  WEBHOOK_ALLOW_INSECURE: { parse: flag },
  WEBHOOK_DAILY_LIMIT: { parse: integer(1, 10_000_000) },
  WEBHOOK_RETRY_BASE_SECONDS: { parse: integer(1, 3600) },
} satisfies Record<string, Variable<unknown>>;

export type VariableName = keyof typeof variables;
type ValueOf<N extends VariableName> = ReturnType<(typeof variables)[N]['parse']>;

/** The variables this module reads, with who needs them (for the README test and the infra test). */
export const CONFIG_VARIABLES: readonly { name: VariableName; neededBy?: Need }[] = Object.entries(variables).map(
  ([name, variable]: [string, Variable<unknown>]) => ({ name: name as VariableName, neededBy: variable.neededBy }),
);

const memo = new Map<VariableName, { raw: string; value: unknown }>();

function read<N extends VariableName>(name: N, env: NodeJS.ProcessEnv = process.env): ValueOf<N> | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (env !== process.env) return variables[name].parse(raw, name) as ValueOf<N>;
  const cached = memo.get(name);
  if (cached?.raw === raw) return cached.value as ValueOf<N>;
  const value = variables[name].parse(raw, name);
  memo.set(name, { raw, value });
  return value as ValueOf<N>;
}

/** Checks the format of every variable present; throws one error naming every malformed one. */
export function validateEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  const problems: string[] = [];
  for (const name of Object.keys(variables) as VariableName[]) {
    try {
      read(name, env);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`);
}

/** The PlanningHub API's identifier at Auth0 (the spec's audience); also the local issuer's. */
const API_AUDIENCE = 'https://planninghub-spectacle.fr/api';

/** Typed values, undefined when unset (defaults the module owns are applied here). */
export const config = {
  get tableName() {
    return read('TABLE_NAME');
  },
  get logLevel() {
    return read('LOG_LEVEL') ?? 'info';
  },
  get logSilent() {
    return read('LOG_SILENT') ?? false;
  },
  get rateLimitStandard() {
    return read('RATE_LIMIT_STANDARD');
  },
  get rateLimitCritical() {
    return read('RATE_LIMIT_CRITICAL');
  },
  get publicBaseUrl() {
    return read('PUBLIC_BASE_URL');
  },
  get appBaseUrl() {
    return read('APP_BASE_URL');
  },
  /** Both issuer and JWKS, or none: the authorizer then refuses every JWT (never a fallback issuer). */
  get jwtVerification() {
    const issuer = read('JWT_ISSUER');
    const jwksUri = read('JWKS_URI');
    return issuer && jwksUri ? { issuer, jwksUri, audience: read('JWT_AUDIENCE') ?? API_AUDIENCE } : undefined;
  },
  /** The login's Auth0 exchange; undefined until a domain and a client id are configured. */
  get auth0() {
    const domain = read('AUTH0_DOMAIN');
    const clientId = read('AUTH0_CLIENT_ID');
    if (!domain || !clientId) return undefined;
    return {
      domain,
      clientId,
      clientSecret: read('AUTH0_CLIENT_SECRET'),
      audience: read('JWT_AUDIENCE') ?? API_AUDIENCE,
      realm: read('AUTH0_REALM') ?? 'Username-Password-Authentication',
    };
  },
  get devIssuerKeyFile() {
    return read('DEV_ISSUER_KEY_FILE');
  },
  get checkinTokenSecret() {
    return read('CHECKIN_TOKEN_SECRET');
  },
  get checkinTokenSecretPrevious() {
    return read('CHECKIN_TOKEN_SECRET_PREVIOUS');
  },
  get checkinTokenSecretArn() {
    return read('CHECKIN_TOKEN_SECRET_ARN');
  },
  get parametersSecretsExtensionPort() {
    return read('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT') ?? 2773;
  },
  get awsSessionToken() {
    return read('AWS_SESSION_TOKEN');
  },
  get coverImagesBucket() {
    return read('BUCKET_COVER_IMAGES');
  },
  get s3Endpoint() {
    return read('AWS_ENDPOINT_URL_S3');
  },
  get uploadAllowPrivateHosts() {
    return read('UPLOAD_ALLOW_PRIVATE_HOSTS') ?? false;
  },
  /** The deployed stage, the `Stage` dimension of the domain metrics; `local` off AWS. */
  get stage() {
    return read('STAGE') ?? 'local';
  },
  /** The X-Ray trace id of the current invocation (`Root=1-...`), set by Lambda per invocation. */
  get traceId() {
    const header = read('_X_AMZN_TRACE_ID');
    return header ? /(?:^|;)Root=([^;]+)/.exec(header)?.[1] : undefined;
  },
  /** The SNS topic of an event family (`shift-conflict` -> TOPIC_ARN_SHIFT_CONFLICT); missing is a configuration error. */
  topicArn(family: string): string {
    const name = `TOPIC_ARN_${family.toUpperCase().replaceAll('-', '_')}`;
    if (!(name in variables)) throw new ConfigurationError(`No topic variable for family ${family}`);
    return need(name as VariableName) as string;
  },
  /** Local only: http and private targets for webhooks (a developer's receiver on this machine). */
  get webhookAllowInsecure() {
    return read('WEBHOOK_ALLOW_INSECURE') ?? false;
  },
  get webhookDailyLimit() {
    return read('WEBHOOK_DAILY_LIMIT');
  },
  get webhookRetryBaseSeconds() {
    return read('WEBHOOK_RETRY_BASE_SECONDS');
  },
};

/** A value the caller cannot work without: missing is a configuration error naming the variable. */
export function need<N extends VariableName>(name: N): ValueOf<N> {
  const value = read(name);
  if (value === undefined) throw new ConfigurationError(`${name} is not set`);
  return value;
}

validateEnvironment();
