/**
 * `npm run bench`: the performance budgets of docs/architecture.md, measured rather than asserted in
 * timed tests. Runs every suite (or those named on the command line: `npm run bench -- cold-start`),
 * prints each report, writes bench/.out/results.json, and exits 1 if any budget is exceeded, after
 * everything has been printed.
 *
 * Environment: BENCH_RUNS = samples per measured item (default 15).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldStartSuite } from './cold-start.ts';
import { bookingSuite } from './booking.ts';
import { shiftHistorySuite } from './shift-history.ts';
import { registrationsSuite } from './registrations.ts';
import { requestOverheadSuite } from './request-overhead.ts';
import { listScalingSuite } from './list-scaling.ts';
import { bulkStockSuite } from './bulk-stock.ts';
import { webhookDeliverySuite } from './webhook-delivery.ts';
import { coldStartVariantsSuite } from './cold-start-variants.ts';
import { shiftCpuSuite } from './shift-cpu.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';

const suites: BenchSuite[] = [coldStartSuite, bookingSuite, shiftHistorySuite, shiftCpuSuite, registrationsSuite, requestOverheadSuite, listScalingSuite, bulkStockSuite, webhookDeliverySuite, coldStartVariantsSuite];

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(projectRoot, 'bench', '.out');

function runsFromEnv(): number {
  const raw = process.env.BENCH_RUNS;
  if (raw === undefined || raw === '') return 15;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, got "${raw}"`);
  return runs;
}

function pickSuites(names: string[]): BenchSuite[] {
  if (names.length === 0) return suites.filter((suite) => !suite.onlyWhenNamed);
  const unknown = names.filter((name) => !suites.some((suite) => suite.id === name));
  if (unknown.length > 0) throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${suites.map((suite) => suite.id).join(', ')}`);
  return suites.filter((suite) => names.includes(suite.id));
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    availableParallelism: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

async function main(): Promise<number> {
  const selected = pickSuites(process.argv.slice(2));
  let dynamo: Promise<{ endpoint: string; stop(): Promise<void> }> | undefined;
  const context: BenchContext = {
    projectRoot,
    outDir,
    runs: runsFromEnv(),
    log: (line = '') => console.log(line),
    dynamoDbLocal: () =>
      (dynamo ??= import('../local/dynamodb.ts').then(({ startDynamoDbLocal }) =>
        startDynamoDbLocal({ stateDir: mkdtempSync(path.join(os.tmpdir(), 'stagecrew-bench-')) }),
      )),
  };
  await mkdir(outDir, { recursive: true });

  const host = machine();
  const startedAt = new Date();
  console.log(`Bench ${startedAt.toISOString()} on ${host.cpus} CPU(s) (${host.cpuModel}), Node ${host.node}, ${context.runs} runs`);
  // Timings taken while something else keeps the CPUs busy are noisy enough to flip verdicts.
  if (host.loadAverage[0]! > host.cpus * 0.75) {
    console.log(`Warning: load average ${host.loadAverage.join(' ')} on ${host.cpus} CPU(s); figures will be noisy, rerun on an idle machine before trusting a verdict.`);
  }

  const results: { id: string; title: string; durationMs: number; outcome: SuiteOutcome }[] = [];
  for (const suite of selected) {
    console.log(`\n== ${suite.title}`);
    const start = performance.now();
    let outcome: SuiteOutcome;
    try {
      outcome = await suite.run(context);
    } catch (error) {
      // One broken suite must not hide the others' figures.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(message);
      outcome = { passed: false, headline: `${suite.id}: could not run (${(error as Error).message})`, data: { error: message } };
    }
    results.push({ id: suite.id, title: suite.title, durationMs: Math.round(performance.now() - start), outcome });
  }

  if (dynamo) await (await dynamo).stop();
  const passed = results.every((result) => result.outcome.passed);
  const file = path.join(outDir, 'results.json');
  await writeFile(
    file,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        machine: { ...host, loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100) },
        runs: context.runs,
        passed,
        suites: Object.fromEntries(results.map((result) => [result.id, { title: result.title, durationMs: result.durationMs, passed: result.outcome.passed, headline: result.outcome.headline, ...(result.outcome.data as object) }])),
      },
      null,
      2,
    )}\n`,
  );

  console.log(`\nResults: ${path.relative(process.cwd(), file)} (${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s)`);
  for (const result of results) console.log(`${result.outcome.passed ? 'PASS' : 'FAIL'}  ${result.outcome.headline}`);
  return passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
