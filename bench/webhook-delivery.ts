/**
 * Webhook delivery (issue 10, "Bench"; docs/bench.md): the time from commit (the API's answer to a
 * change that emits an event) to the signed POST at a real receiver on loopback, through the whole
 * local path: DynamoDB Local's stream -> the publisher handler -> fauxqs SNS -> the delivery queue
 * -> the delivery handler -> the receiver. p50 and p95 one change at a time, then deliveries per
 * second under a burst.
 *
 * Budget: every change delivered exactly once (counted by `webhook-id` and by the id in the
 * payload, signatures valid): the real check; and p95 of the sequential commit-to-delivery time
 * at most WEBHOOK_P95_BUDGET_MS. The burst's rate is reported, not judged (it is the local
 * pollers' and this machine's, not Lambda's).
 *
 * The measurement runs in a child process (bench/webhook-delivery-run.ts), which starts its own
 * local runtime; BENCH_WEBHOOK_SEQUENTIAL (default max(40, 2 x BENCH_RUNS)) and
 * BENCH_WEBHOOK_BURST (default 200) size it.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { distribution, quantile, round, table } from './stats.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';
import type { Change, RunResult } from './webhook-delivery-run.ts';

export const WEBHOOK_P95_BUDGET_MS = 2000;
const MARKER = '__BENCH_WEBHOOK_DELIVERY__';
/** Runtime start (DynamoDB Local's JVM, fauxqs) plus the phases, with room for a loaded machine. */
const CHILD_TIMEOUT_MS = 15 * 60_000;

export const webhookDeliverySuite: BenchSuite = {
  id: 'webhook-delivery',
  title: 'Webhook delivery: commit (API answer) -> signed POST at a loopback receiver, through stream, publisher, SNS, SQS and the delivery function',
  run: runWebhookDelivery,
};

interface Latencies {
  count: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

const latencies = (values: number[]): Latencies | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { count: values.length, p50: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)), min: round(sorted[0]!), max: round(sorted.at(-1)!) };
};

/**
 * The real check: each change's payload id reaches the receiver once, under one webhook-id that no
 * other delivery carries, at its family's path, validly signed; nothing arrives that no change made.
 */
export function exactlyOnce(result: Pick<RunResult, 'changes' | 'deliveries'>) {
  const byKey = new Map<string, RunResult['deliveries']>();
  for (const delivery of result.deliveries) byKey.set(delivery.key, [...(byKey.get(delivery.key) ?? []), delivery]);
  const lost = result.changes.filter((change) => !byKey.has(change.key));
  const duplicated = result.changes.filter((change) => (byKey.get(change.key)?.length ?? 0) > 1);
  const keys = new Set(result.changes.map((change) => change.key));
  const strays = result.deliveries.filter((delivery) => !keys.has(delivery.key));
  const webhookIds = new Map<string, number>();
  for (const delivery of result.deliveries) webhookIds.set(delivery.webhookId, (webhookIds.get(delivery.webhookId) ?? 0) + 1);
  const repeatedIds = [...webhookIds].filter(([, count]) => count > 1);
  const badSignatures = result.deliveries.filter((delivery) => !delivery.signatureValid);
  const wrongPaths = result.deliveries.filter((delivery) => delivery.path !== (delivery.event === 'shift.conflict.detected' ? '/hooks/shift-conflict' : '/hooks/event'));
  return { byKey, lost, duplicated, strays, webhookIds, repeatedIds, badSignatures, wrongPaths };
}

async function runWebhookDelivery(context: BenchContext): Promise<SuiteOutcome> {
  const { log } = context;
  const sequential = process.env.BENCH_WEBHOOK_SEQUENTIAL ?? String(Math.max(40, 2 * context.runs));
  const burstSize = process.env.BENCH_WEBHOOK_BURST ?? '200';
  const result = await runChild(context, { BENCH_WEBHOOK_SEQUENTIAL: sequential, BENCH_WEBHOOK_BURST: burstSize });

  const { byKey, lost, duplicated, strays, webhookIds, repeatedIds, badSignatures, wrongPaths } = exactlyOnce(result);

  const latencyOf = (change: Change) => byKey.get(change.key)![0]!.at - change.answeredAt;
  const delivered = (phase: Change['phase'], kind?: Change['kind']) =>
    result.changes.filter((change) => change.phase === phase && (!kind || change.kind === kind) && byKey.has(change.key));
  const sequentialAll = latencies(delivered('sequential').map(latencyOf));
  const sequentialPublished = latencies(delivered('sequential', 'event.published').map(latencyOf));
  const sequentialConflicts = latencies(delivered('sequential', 'shift.conflict.detected').map(latencyOf));
  const burstChanges = result.changes.filter((change) => change.phase === 'burst');
  const burstLatency = latencies(delivered('burst').map(latencyOf));
  const burstStart = Math.min(...burstChanges.map((change) => change.sentAt));
  const burstAnswered = Math.max(...burstChanges.map((change) => change.answeredAt));
  const burstDeliveries = burstChanges.flatMap((change) => byKey.get(change.key) ?? []);
  const burstLastDelivery = Math.max(...burstDeliveries.map((delivery) => delivery.at));
  const burstFirstDelivery = Math.min(...burstDeliveries.map((delivery) => delivery.at));
  // End to end: from the first request sent to the last delivery, API writes included.
  const deliveriesPerSecond = burstDeliveries.length / ((burstLastDelivery - burstStart) / 1000);
  // The delivery side alone: first to last delivery.
  const drainPerSecond = burstDeliveries.length > 1 ? (burstDeliveries.length - 1) / ((burstLastDelivery - burstFirstDelivery) / 1000) : 0;
  const apiPerSecond = burstChanges.length / ((burstAnswered - burstStart) / 1000);

  log();
  log(
    table(
      ['phase', 'event', '>changes', '>p50 ms', '>p95 ms', '>min-max ms'],
      [
        ['sequential', 'both', sequentialAll],
        ['sequential', 'event.published', sequentialPublished],
        ['sequential', 'shift.conflict.detected', sequentialConflicts],
        ['burst', 'event.published', burstLatency],
      ].map(([phase, event, stats]) => {
        const figures = stats as Latencies | undefined;
        return [phase as string, event as string, String(figures?.count ?? 0), figures ? figures.p50.toFixed(0) : '-', figures ? figures.p95.toFixed(0) : '-', figures ? `${figures.min.toFixed(0)}-${figures.max.toFixed(0)}` : '-'];
      }),
    ),
  );
  log(
    `Burst of ${burstChanges.length}: API answered all in ${((burstAnswered - burstStart) / 1000).toFixed(1)} s (${apiPerSecond.toFixed(1)}/s); ` +
      `last delivery ${((burstLastDelivery - burstStart) / 1000).toFixed(1)} s after the first request: ${deliveriesPerSecond.toFixed(1)} deliveries/s end to end, ${drainPerSecond.toFixed(1)}/s first to last delivery.`,
  );
  log(
    `Exactly once: ${result.changes.length} changes, ${result.deliveries.length} deliveries, ${webhookIds.size} webhook-ids; lost ${lost.length}, duplicated ${duplicated.length}, ` +
      `webhook-ids seen twice ${repeatedIds.length}, strays ${strays.length}, bad signatures ${badSignatures.length}, wrong paths ${wrongPaths.length}. Local runtime start ${(result.setupMs / 1000).toFixed(1)} s.`,
  );
  for (const line of result.unexpected) log(`  ${line}`);

  const failures: string[] = [];
  if (lost.length > 0) failures.push(`${lost.length} lost`);
  if (duplicated.length > 0 || repeatedIds.length > 0) failures.push(`${Math.max(duplicated.length, repeatedIds.length)} duplicated`);
  if (strays.length > 0) failures.push(`${strays.length} strays`);
  if (badSignatures.length > 0) failures.push(`${badSignatures.length} bad signatures`);
  if (wrongPaths.length > 0) failures.push(`${wrongPaths.length} wrong paths`);
  if (!sequentialAll) failures.push('no sequential delivery');
  else if (sequentialAll.p95 > WEBHOOK_P95_BUDGET_MS) failures.push(`p95 ${sequentialAll.p95.toFixed(0)} ms over ${WEBHOOK_P95_BUDGET_MS} ms`);
  const passed = failures.length === 0;
  const headline =
    `Webhook delivery: commit -> delivery p50 ${sequentialAll?.p50.toFixed(0) ?? '-'} ms, p95 ${sequentialAll?.p95.toFixed(0) ?? '-'} ms (budget ${WEBHOOK_P95_BUDGET_MS} ms); ` +
    `burst of ${burstChanges.length}: ${deliveriesPerSecond.toFixed(1)} deliveries/s, p95 ${burstLatency?.p95.toFixed(0) ?? '-'} ms; ` +
    (passed ? `all ${result.changes.length} delivered exactly once` : failures.join(', '));

  return {
    passed,
    headline,
    data: {
      budgetP95Ms: WEBHOOK_P95_BUDGET_MS,
      sequential: { all: sequentialAll, published: sequentialPublished, conflicts: sequentialConflicts },
      burst: {
        size: burstChanges.length,
        latency: burstLatency,
        apiSeconds: round((burstAnswered - burstStart) / 1000),
        lastDeliverySeconds: round((burstLastDelivery - burstStart) / 1000),
        deliveriesPerSecond: round(deliveriesPerSecond),
        drainPerSecond: round(drainPerSecond),
      },
      exactlyOnce: { changes: result.changes.length, deliveries: result.deliveries.length, webhookIds: webhookIds.size, lost: lost.map((change) => change.key), duplicated: duplicated.map((change) => change.key), repeatedWebhookIds: repeatedIds.map(([id]) => id), strays: strays.length, badSignatures: badSignatures.length, wrongPaths: wrongPaths.length },
      setupMs: round(result.setupMs),
      unexpected: result.unexpected,
      sequentialSamplesMs: delivered('sequential').map((change) => round(latencyOf(change))),
      burstSamplesMs: distribution(delivered('burst').map(latencyOf)).samples.map((ms) => round(ms)),
    },
  };
}

function runChild(context: BenchContext, env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // tsx's loader, as `npm start` runs the local runtime (node --import tsx).
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(context.projectRoot, 'bench', 'webhook-delivery-run.ts')], {
      cwd: context.projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CHILD_TIMEOUT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      // Progress lines of the child, as they come.
      for (const line of chunk.split('\n')) if (line.startsWith('  ')) context.log(line);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`the webhook bench process failed (${signal ? `killed by ${signal}` : `exit code ${code}`}): ${stderr.trim().split('\n').slice(-8).join(' | ')}`));
        return;
      }
      resolve(JSON.parse(line.slice(MARKER.length)) as RunResult);
    });
  });
}
