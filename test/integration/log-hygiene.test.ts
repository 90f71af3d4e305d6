/**
 * Log hygiene and domain metrics over a full flow (docs/operations.md): logins (right and wrong
 * passwords), the current user, an API key issued and used, an idempotent replay, a shift planned,
 * its check-in links read and used, a booking — with request logging on, as `LOG_REQUESTS=true
 * npm start` runs it. The shared local runtime runs its handlers silently in the test runner's
 * main process, so this file mounts the same handlers on a gateway of its own, in its own process,
 * over the same DynamoDB Local, and captures everything the handlers write to stdout and stderr.
 * The captured lines must hold none of the demo users' secrets (passwords, API keys, access
 * tokens), none of the secrets the flow obtains (the login's token, the new API key, the check-in
 * tokens), no e-mail address in clear, and must hold the EMF metric lines, with bounded dimensions.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { createGateway, type Gateway } from '../../local/gateway.ts';
import { loadDevIssuer } from '../../local/dev-issuer.ts';
import { loadCheckinTokenSecret } from '../../local/runtime.ts';
import { DEMO_PASSWORD, demoUsers } from '../../local/seed.ts';
import { METRICS, METRICS_NAMESPACE } from '../../shared/observability/metrics.ts';
import { arrangeCrewWorld } from './shifts-world.ts';

const projectRoot = join(import.meta.dirname, '..', '..');
const HOUR = 3_600_000;

let gateway: Gateway;
let url: string;
const captured: string[] = [];
const savedEnv = { ...process.env };
const writes = { stdout: process.stdout.write, stderr: process.stderr.write };

async function call(method: string, path: string, options: { token?: string; organizationId?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.organizationId) headers['x-organization-id'] = options.organizationId;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  // The same configuration the shared runtime gives its handlers, with request logging on.
  const stateDir = inject('issuerKeyDir');
  const issuer = loadDevIssuer(stateDir);
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoDbEndpoint'),
    TABLE_NAME: inject('tableName'),
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.audience,
    JWKS_URI: `${inject('baseUrl')}/.well-known/jwks.json`,
    DEV_ISSUER_KEY_FILE: issuer.keyFile,
    CHECKIN_TOKEN_SECRET: loadCheckinTokenSecret(stateDir),
    LOG_SILENT: 'false',
    LOG_LEVEL: 'debug',
  });
  gateway = createGateway({ projectRoot });
  url = await gateway.listen(0);
});

afterAll(async () => {
  process.stdout.write = writes.stdout;
  process.stderr.write = writes.stderr;
  await gateway?.close();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

/** Runs `flow` with everything written to stdout and stderr captured (and kept off the console). */
async function capturing(flow: () => Promise<void>) {
  const keep = (chunk: unknown) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = keep as typeof process.stdout.write;
  process.stderr.write = keep as typeof process.stderr.write;
  try {
    await flow();
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}

describe('a full flow with request logging on', () => {
  const secrets = new Map<string, string>();
  let lines: Record<string, any>[] = [];

  beforeAll(async () => {
    // prepare
    const credentials = inject('credentials');
    for (const user of demoUsers) secrets.set(`password of ${user.email}`, user.password);
    secrets.set('the demo password', DEMO_PASSWORD);
    for (const credential of credentials) {
      secrets.set(`API key of ${credential.email}`, credential.apiKey);
      secrets.set(`access token of ${credential.email}`, credential.accessToken);
    }
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!;
    const admin = credentials.find((candidate) => candidate.email === 'admin@eventlite.fr')!;
    const callAt = Math.floor(Date.now() / 60_000) * 60_000 - HOUR / 2;

    // act
    await capturing(async () => {
      const login = await call('POST', '/v1/auth/login', { body: { email: 'jmichel@sonopro.fr', password: 'securePassword123!', organization_id: 'org_123' } });
      expect(login.status, JSON.stringify(login.body)).toBe(200);
      secrets.set('the token the login issued', login.body.access_token);
      const wrong = await call('POST', '/v1/auth/login', { body: { email: 'admin@eventlite.fr', password: 'Not-The-Password-42!', organization_id: 'org_123' } });
      expect(wrong.status).toBe(401);
      secrets.set('a wrong password', 'Not-The-Password-42!');

      expect((await call('GET', '/v1/users/me', { token: login.body.access_token, organizationId: 'org_123' })).status).toBe(200);

      const issued = await call('POST', '/api/v1/api-keys', { token: admin.apiKey, body: { name: 'hygiene' } });
      expect(issued.status, JSON.stringify(issued.body)).toBe(201);
      secrets.set('the API key issued', issued.body.data.key);
      expect((await call('GET', '/api/v1/events', { token: issued.body.data.key })).status).toBe(200);
      // Sent twice with one Idempotency-Key: the second is a replay.
      const idempotencyKey = `hygiene-${Date.now()}`;
      for (let i = 0; i < 2; i++) {
        const created = await call('POST', '/api/v1/events', {
          token: issued.body.data.key,
          body: { title: 'Hygiene', mode: 'ONLINE', startAt: '2030-03-01T18:00:00Z' },
          headers: { 'idempotency-key': idempotencyKey },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
      }

      const shift = await call('POST', '/v1/shifts', {
        token: crew.planner.accessToken,
        organizationId: crew.organizationId,
        body: {
          title: 'Hygiene',
          event_id: crew.eventId,
          start_time: new Date(callAt).toISOString(),
          end_time: new Date(callAt + 4 * HOUR).toISOString(),
          resources: [{ id: technician.userId, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] }],
        },
      });
      expect(shift.status, JSON.stringify(shift.body)).toBe(201);
      const read = await call('GET', `/v1/shifts/${shift.body.id}`, { token: technician.accessToken, organizationId: crew.organizationId });
      const token = new URL(read.body.qrcode.checkin_url).searchParams.get('token')!;
      secrets.set('the check-in token', token);
      secrets.set('the check-out token', new URL(read.body.qrcode.checkout_url).searchParams.get('token')!);
      const checkin = await call('POST', `/v1/shifts/${shift.body.id}/checkin`, { token: technician.accessToken, organizationId: crew.organizationId, body: { token } });
      expect(checkin.status, JSON.stringify(checkin.body)).toBeLessThan(300);
      // A forged token, refused: refusals are logged too.
      expect((await call('POST', `/v1/shifts/${shift.body.id}/checkout`, { token: technician.accessToken, organizationId: crew.organizationId, body: { token: `${token}x` } })).status).toBeGreaterThanOrEqual(400);
      // An invalid bearer token reaches the authorizer's own log.
      expect((await call('GET', '/v1/users/me', { token: `${login.body.access_token.slice(0, -4)}AAAA`, organizationId: 'org_123' })).status).toBe(401);
    });
    lines = captured.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  });

  it('writes request lines (the capture works)', () => {
    expect(lines.filter((line) => line.message === 'request').length).toBeGreaterThanOrEqual(10);
  });

  it("never logs a demo user's secret, nor a secret the flow obtained", () => {
    const text = captured.join('');
    expect(secrets.size).toBeGreaterThan(10);
    for (const [what, secret] of secrets) {
      expect(secret.length, what).toBeGreaterThan(8);
      expect(text.includes(secret), `${what} is in the logs`).toBe(false);
    }
  });

  it('masks e-mail addresses', () => {
    const text = captured.join('');
    for (const user of demoUsers) expect(text.includes(user.email), user.email).toBe(false);
    expect(text).not.toMatch(/[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9-]+\.[A-Za-z]{2,}/);
  });

  it('writes the domain metrics as EMF lines in the one namespace, with bounded dimensions only', () => {
    const metricLines = lines.filter((line) => line._aws);
    const counted = new Set(metricLines.flatMap((line) => line._aws.CloudWatchMetrics.flatMap((directive: any) => directive.Metrics.map((metric: any) => metric.Name))));
    expect([...counted].sort()).toEqual(expect.arrayContaining(['AllocationAttempts', 'IdempotentReplays', 'LoginFailures', 'ShiftCost']));
    for (const line of metricLines) {
      const [directive] = line._aws.CloudWatchMetrics;
      expect(directive.Namespace).toBe(METRICS_NAMESPACE);
      for (const metric of directive.Metrics) {
        const declared = METRICS[metric.Name as keyof typeof METRICS];
        expect(declared, metric.Name).toBeDefined();
        expect(directive.Dimensions).toEqual([['Stage', ...declared.dimensions]]);
        expect(typeof line[metric.Name] === 'number' || Array.isArray(line[metric.Name])).toBe(true);
      }
      for (const dimension of directive.Dimensions[0]) expect(String(line[dimension]), dimension).not.toMatch(/org_|user_|shift_|booking_/);
    }
  });
});
