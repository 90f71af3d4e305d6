/**
 * The whole product on one machine: DynamoDB Local, fauxqs (SNS/S3), the development JWT issuer
 * and the local gateway over the route manifest, with demo data. Used by `npm start` and, once per
 * run, by the integration tests.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoDbLocal, ensureTable } from './dynamodb.ts';
import { ensureJava } from './ensure-java.ts';
import { startAwsEmulator } from './aws-emulator.ts';
import { loadDevIssuer, type DevIssuer } from './dev-issuer.ts';
import { createGateway } from './gateway.ts';
import { startWebhookPipeline } from './webhooks.ts';
import type { DemoCredential } from './seed.ts';

export interface LocalRuntimeOptions {
  projectRoot: string;
  /** Where keys, credentials and (when persisting) the database live. */
  stateDir: string;
  port: number;
  /** Where the gateway listens; loopback by default (HOST of `npm start`). */
  host?: string;
  /** Keep DynamoDB data on disk under stateDir between runs; otherwise in memory. */
  persist: boolean;
  /** Throw away the persisted data first. */
  fresh?: boolean;
  tableName?: string;
  /** Local-only switches for the tests (POST/DELETE /_local/sns-outage cut and restore the publisher's SNS). */
  testControls?: boolean;
  /** Each function invocation's deadline (the gateway's default: 30 s). */
  functionTimeoutMs?: number;
}

export interface LocalRuntime {
  baseUrl: string;
  dynamoDbEndpoint: string;
  awsEndpoint: string;
  tableName: string;
  issuer: DevIssuer;
  credentials: DemoCredential[];
  credentialsFile: string;
  stop(): Promise<void>;
}

const REGION = 'eu-west-3';

/**
 * The HMAC secret of the QR check-in links, kept under stateDir like the development issuer's key,
 * so that links printed during one `npm start` still work after a restart. Tests read it to sign
 * tokens of their own (expired, forged).
 */
export function loadCheckinTokenSecret(stateDir: string): string {
  const file = join(stateDir, 'checkin-token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** A second runtime on the same state directory (a second `npm start` on one checkout). */
export class LocalRuntimeBusyError extends Error {
  constructor(ownerPid: number, stateDir: string) {
    super(`Another local runtime (pid ${ownerPid}) is already running on ${stateDir}; stop it first (Ctrl+C in its terminal, or kill ${ownerPid})`);
    this.name = 'LocalRuntimeBusyError';
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One runtime per state directory, taken before anything is touched: a second start would
 * otherwise share (or, with --fresh, delete) the first one's database. The lock is created
 * exclusively; one left by a runtime that died without cleaning up (kill -9) is taken over.
 */
function lockStateDir(stateDir: string): () => void {
  const lockFile = join(stateDir, 'runtime.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) throw new LocalRuntimeBusyError(owner, stateDir);
      rmSync(lockFile, { force: true });
    }
  }
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const dataDir = join(options.stateDir, 'dynamodb');
  const credentialsFile = join(options.stateDir, 'dev-credentials.json');
  mkdirSync(options.stateDir, { recursive: true });
  const unlock = lockStateDir(options.stateDir);
  if (options.fresh) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(credentialsFile, { force: true });
  }
  const tableName = options.tableName ?? 'stagecrew-local';
  const stoppers: (() => Promise<void>)[] = [async () => unlock()];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
    stoppers.length = 0;
  };

  try {
    ensureJava();
    const dynamo = await startDynamoDbLocal({ dataDir: options.persist ? dataDir : undefined, stateDir: options.stateDir });
    stoppers.push(dynamo.stop);
    const aws = await startAwsEmulator({ prefix: 'stagecrew-local' });
    stoppers.push(aws.stop);
    await ensureTable(dynamo.endpoint, tableName);
    const issuer = loadDevIssuer(options.stateDir);

    const webhooks = await startWebhookPipeline({ prefix: 'stagecrew-local', awsEndpoint: aws.endpoint, dynamoDbEndpoint: dynamo.endpoint, tableName, topicArns: aws.topicArns });
    stoppers.push(webhooks.stop);
    const outage = (down: boolean) => () => {
      webhooks.snsOutage(down);
      return { status: 200, body: { snsDown: down } };
    };
    const gateway = createGateway({
      projectRoot: options.projectRoot,
      ...(options.functionTimeoutMs ? { functionTimeoutMs: options.functionTimeoutMs } : {}),
      extraRoutes: {
        'GET /.well-known/jwks.json': () => ({ status: 200, body: issuer.jwks }),
        ...(options.testControls ? { 'POST /_local/sns-outage': outage(true), 'DELETE /_local/sns-outage': outage(false) } : {}),
      },
    });
    const baseUrl = await gateway.listen(options.port, options.host);
    stoppers.push(gateway.close);

    // The handlers run in this process and read their configuration from the environment, as a
    // Lambda function does; the SDK picks the emulators' endpoints from AWS_ENDPOINT_URL_*.
    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      // The publisher reaches SNS through a relay the tests can cut; SQS directly.
      AWS_ENDPOINT_URL_SNS: webhooks.snsEndpoint,
      AWS_ENDPOINT_URL_SQS: aws.endpoint,
      WEBHOOK_QUEUE_URL: webhooks.queueUrl,
      // A developer's receiver runs on this machine, over http; first retries within seconds.
      WEBHOOK_ALLOW_INSECURE: process.env.WEBHOOK_ALLOW_INSECURE ?? 'true',
      WEBHOOK_RETRY_BASE_SECONDS: process.env.WEBHOOK_RETRY_BASE_SECONDS ?? '1',
      // DynamoDB Local answers a burst of transactions on one item with 500s ("too long waiting
      // for a lock ... will succeed in actual DynamoDB"); the SDK retries them with the same
      // ClientRequestToken, so more attempts here only absorb the emulator's lock queue.
      AWS_MAX_ATTEMPTS: process.env.AWS_MAX_ATTEMPTS ?? '8',
      AWS_ENDPOINT_URL_S3: aws.endpoint,
      TABLE_NAME: tableName,
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: issuer.audience,
      JWKS_URI: `${baseUrl}/.well-known/jwks.json`,
      DEV_ISSUER_KEY_FILE: issuer.keyFile,
      CHECKIN_TOKEN_SECRET: loadCheckinTokenSecret(options.stateDir),
      PUBLIC_BASE_URL: baseUrl,
      ...Object.fromEntries(Object.entries(aws.topicArns).map(([name, arn]) => [`TOPIC_ARN_${name.toUpperCase().replace(/-/g, '_')}`, arn])),
      ...Object.fromEntries(Object.entries(aws.bucketNames).map(([name, bucket]) => [`BUCKET_${name.toUpperCase().replace(/-/g, '_')}`, bucket])),
    });

    // What `npm run job -- <name>` needs to run a scheduled function against this runtime.
    const jobEnvironment = Object.fromEntries(
      ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_SNS', 'AWS_ENDPOINT_URL_SQS', 'TABLE_NAME', 'WEBHOOK_QUEUE_URL'].map((name) => [name, process.env[name]]),
    );
    writeFileSync(join(options.stateDir, 'runtime-env.json'), `${JSON.stringify({ pid: process.pid, environment: jobEnvironment }, null, 2)}\n`, { mode: 0o600 });

    const [{ handler: publish }, { handler: deliver }] = await Promise.all([import('../functions/webhooks/publish-outbox.ts'), import('../functions/webhooks/deliver-webhooks.ts')]);
    webhooks.start({ publish, deliver });

    const { seedDemoData } = await import('./seed.ts');
    const credentials = await seedDemoData(issuer, credentialsFile);
    writeFileSync(credentialsFile, `${JSON.stringify({ baseUrl, users: credentials }, null, 2)}\n`, { mode: 0o600 });

    return { baseUrl, dynamoDbEndpoint: dynamo.endpoint, awsEndpoint: aws.endpoint, tableName, issuer, credentials, credentialsFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
