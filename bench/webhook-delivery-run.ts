/**
 * The child process of the `webhook-delivery` suite (bench/webhook-delivery.ts): starts the whole
 * local runtime as `npm start` and the integration tests do (DynamoDB Local, fauxqs SNS/SQS, the
 * stream poller, the publisher and delivery handlers, the gateway), registers a webhook of the
 * demo organisation pointing at a real HTTP receiver on loopback, then times commit -> delivery:
 *
 * - sequential: one change at a time, alternately `event.published` (POST /api/v1/events) and
 *   `shift.conflict.detected` (a POST /v1/shifts answered 409), each waited for at the receiver;
 * - burst: BURST published events sent at once, then every delivery awaited.
 *
 * "Commit" is the moment the client has the API's answer (201 or 409): the outbox record is in the
 * table by then. "Delivery" is the moment the receiver has the whole request. Both are read on
 * this process's clock (performance.now()), the receiver being in this process. Every delivery is
 * matched to its change by the id in its payload and counted by `webhook-id`, and its signature is
 * checked with the `standardwebhooks` package.
 *
 * A separate process because the runtime sets the handlers' environment (endpoints, table) in
 * process.env and the handler modules build their clients once: the bench's other suites, in the
 * runner's process, use another DynamoDB Local. The result is one JSON line after MARKER.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';

/** Read by bench/webhook-delivery.ts (the same string there). */
export const MARKER = '__BENCH_WEBHOOK_DELIVERY__';
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const SEQUENTIAL = Number(process.env.BENCH_WEBHOOK_SEQUENTIAL ?? 40);
const BURST = Number(process.env.BENCH_WEBHOOK_BURST ?? 200);
const WARMUP = 4;
/** How long a change may take to reach the receiver before it counts as lost. */
const DELIVERY_TIMEOUT_MS = 60_000;
/** After the last expected delivery, how long to keep listening for duplicates. */
const SETTLE_MS = 5_000;

export interface Delivery {
  webhookId: string;
  path: string;
  event: string;
  key: string;
  at: number;
  signatureValid: boolean;
}

export interface Change {
  kind: 'event.published' | 'shift.conflict.detected';
  key: string;
  phase: 'warmup' | 'sequential' | 'burst';
  sentAt: number;
  answeredAt: number;
}

export interface RunResult {
  changes: Change[];
  deliveries: Delivery[];
  setupMs: number;
  unexpected: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<RunResult> {
  const setupStart = performance.now();
  Object.assign(process.env, {
    LOG_SILENT: process.env.BENCH_LOGS === '1' ? 'false' : 'true',
    // The bench's own callers must not be throttled (the integration tests do the same).
    RATE_LIMIT_STANDARD: '100000',
    RATE_LIMIT_CRITICAL: '100000',
    // The spec's 1,000 a day would hold back a long run (BENCH_RUNS); the counter is still taken on every delivery.
    WEBHOOK_DAILY_LIMIT: '100000',
  });
  const { startLocalRuntime } = await import('../local/runtime.ts');
  const stateDir = mkdtempSync(join(tmpdir(), 'stagecrew-bench-webhooks-'));
  const runtime = await startLocalRuntime({ projectRoot, stateDir, port: 0, persist: false });
  const unexpected: string[] = [];
  const deliveries: Delivery[] = [];
  let secret = '';
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = request.headers as Record<string, string>;
      response.writeHead(200).end('ok');
      try {
        const payload = JSON.parse(body) as { event: string; data: { event_id?: string; shift_id?: string } };
        let signatureValid = true;
        try {
          new Webhook(secret).verify(body, { 'webhook-id': headers['webhook-id']!, 'webhook-timestamp': headers['webhook-timestamp']!, 'webhook-signature': headers['webhook-signature']! });
        } catch {
          signatureValid = false;
        }
        const key = payload.event === 'shift.conflict.detected' ? payload.data.shift_id : payload.data.event_id;
        deliveries.push({ webhookId: headers['webhook-id'] ?? '', path: request.url ?? '', event: payload.event, key: key ?? '', at, signatureValid });
      } catch (error) {
        unexpected.push(`receiver: ${(error as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;

  try {
    const admin = runtime.credentials.find((user) => user.email === 'admin@eventlite.fr')!;
    const jeanMichel = runtime.credentials.find((user) => user.email === 'jmichel@sonopro.fr')!;
    const call = async (method: string, path: string, token: string, body: unknown, organizationId?: string) => {
      const response = await fetch(`${runtime.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(organizationId ? { 'x-organization-id': organizationId } : {}) },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as any) : undefined, text };
    };

    const registered = await call('POST', '/v1/webhooks', admin.accessToken, { url: receiverUrl, events: ['event.published', 'shift.conflict.detected'], description: 'bench receiver' }, admin.organizationId);
    if (registered.status !== 201) throw new Error(`POST /v1/webhooks answered ${registered.status}: ${registered.text}`);
    secret = registered.body.secret;

    // The spec's world (event_456, Jean-Michel) is in the demo organisation: one shift holds him,
    // every later request on an overlapping slot is refused with 409 and emits its conflict.
    const available = await call('PATCH', '/v1/users/me/availability', jeanMichel.accessToken, { '2024-02-15': ['08:00-18:00', '20:00-02:00'], '2024-02-16': ['14:00-23:00'] }, jeanMichel.organizationId);
    if (available.status !== 200) throw new Error(`availability answered ${available.status}: ${available.text}`);
    const shift = (start: string, end: string) => ({
      title: 'Bench shift',
      event_id: 'event_456',
      start_time: start,
      end_time: end,
      resources: [{ id: 'user_456', type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] }],
    });
    const holding = await call('POST', '/v1/shifts', admin.accessToken, shift('2024-02-15T21:00:00+01:00', '2024-02-15T23:00:00+01:00'), admin.organizationId);
    if (holding.status !== 201) throw new Error(`the holding shift answered ${holding.status}: ${holding.text}`);

    let sequence = 0;
    const changes: Change[] = [];
    const publish = async (phase: Change['phase']): Promise<Change> => {
      sequence++;
      const sentAt = performance.now();
      const response = await call('POST', '/api/v1/events', admin.apiKey, { title: `Bench webhook ${sequence}`, mode: 'ONLINE', startAt: '2031-03-20T09:00:00Z', status: 'PUBLISHED' });
      const answeredAt = performance.now();
      if (response.status !== 201) throw new Error(`POST /api/v1/events answered ${response.status}: ${response.text}`);
      return record({ kind: 'event.published', key: response.body.data.id, phase, sentAt, answeredAt });
    };
    const conflict = async (phase: Change['phase']): Promise<Change> => {
      const sentAt = performance.now();
      const response = await call('POST', '/v1/shifts', admin.accessToken, shift('2024-02-15T22:00:00+01:00', '2024-02-16T00:00:00+01:00'), admin.organizationId);
      const answeredAt = performance.now();
      if (response.status !== 409 || !response.body?.error?.details?.shift_id) throw new Error(`the conflicting shift answered ${response.status}: ${response.text}`);
      return record({ kind: 'shift.conflict.detected', key: response.body.error.details.shift_id, phase, sentAt, answeredAt });
    };
    const record = (change: Change) => {
      changes.push(change);
      return change;
    };
    const deliveredOf = (key: string) => deliveries.find((delivery) => delivery.key === key);
    const awaitDelivery = async (keys: string[]) => {
      const until = performance.now() + DELIVERY_TIMEOUT_MS;
      while (performance.now() < until) {
        if (keys.every((key) => deliveredOf(key))) return true;
        await sleep(5);
      }
      return false;
    };

    const setupMs = performance.now() - setupStart;
    process.stderr.write(`  local runtime ready in ${(setupMs / 1000).toFixed(1)} s; ${WARMUP} warm-up, ${SEQUENTIAL} sequential, burst of ${BURST}\n`);
    for (let i = 0; i < WARMUP; i++) {
      const change = await (i % 2 === 0 ? publish : conflict)('warmup');
      await awaitDelivery([change.key]);
    }
    for (let i = 0; i < SEQUENTIAL; i++) {
      const change = await (i % 2 === 0 ? publish : conflict)('sequential');
      if (!(await awaitDelivery([change.key]))) unexpected.push(`sequential ${change.kind} ${change.key}: not delivered within ${DELIVERY_TIMEOUT_MS} ms`);
      if ((i + 1) % 10 === 0) process.stderr.write(`  sequential ${i + 1}/${SEQUENTIAL}\n`);
    }
    // Let the sequential phase's stragglers (duplicates) arrive before the burst starts.
    await sleep(1000);
    const burst = await Promise.all(Array.from({ length: BURST }, () => publish('burst')));
    process.stderr.write(`  burst: ${BURST} answered in ${((Math.max(...burst.map((change) => change.answeredAt)) - Math.min(...burst.map((change) => change.sentAt))) / 1000).toFixed(1)} s\n`);
    if (!(await awaitDelivery(burst.map((change) => change.key)))) unexpected.push(`burst: ${burst.filter((change) => !deliveredOf(change.key)).length} of ${BURST} not delivered within ${DELIVERY_TIMEOUT_MS} ms of the last answer`);
    await sleep(SETTLE_MS);
    return { changes, deliveries: [...deliveries], setupMs, unexpected };
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await runtime.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  (result) => {
    process.stdout.write(`\n${MARKER}${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
