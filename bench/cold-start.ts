/**
 * Cold start (docs/architecture.md, "Performance budgets"): every function's bundle is loaded in a fresh
 * Node process and its median init time must stay within 1.15x (issue 14) that of its floor, measured in the
 * same run: a bundle holding the SDK clients the function's manifest access grants (the DynamoDB
 * document client always; an S3 client when it names buckets, an SNS client when it names topics),
 * so the official clients a function needs are never counted against it.
 *
 * BENCH_FUNCTIONS=UploadImage,GetImage measures only those functions (and the floors they need).
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { authorizerEntry, jobFunctionEntries, routes, webhookFunctionEntries } from '../lib/manifest.ts';
import { topicNames } from '../shared/domain/topics.ts';
import type { RouteDefinition } from '../lib/manifest.ts';
import { bundleAll, isBundleFailure } from './lambda-bundle.ts';
import type { BundleResult } from './lambda-bundle.ts';
import { distribution, kib, medianInterval, round, table } from './stats.ts';
import type { Distribution } from './stats.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';

export const COLD_START_BUDGET = 1.15;

/** The DynamoDB-only floor keeps its historical id, so results.json stays comparable. */
export const BASELINE_ID = 'baseline';

/** The floors, by the clients they hold (bench/floors/). */
export const FLOORS = [
  { id: BASELINE_ID, entry: 'bench/floors/dynamodb.ts', clients: { s3: false, sns: false, sqs: false } },
  { id: 'floor+s3', entry: 'bench/floors/dynamodb-s3.ts', clients: { s3: true, sns: false, sqs: false } },
  { id: 'floor+sns', entry: 'bench/floors/dynamodb-sns.ts', clients: { s3: false, sns: true, sqs: false } },
  { id: 'floor+s3+sns', entry: 'bench/floors/dynamodb-s3-sns.ts', clients: { s3: true, sns: true, sqs: false } },
  // The webhook delivery function sends its retries back to its queue (grantSendMessages).
  { id: 'floor+sqs', entry: 'bench/floors/dynamodb-sqs.ts', clients: { s3: false, sns: false, sqs: true } },
] as const;

/**
 * The floor a function is judged against: the clients its access grants (`queue`: a function
 * granted an SQS queue outside the manifest's access, as the webhook delivery function is).
 */
export function floorOf(access: RouteDefinition['access'], grants: { queue?: boolean } = {}): string {
  const s3 = Object.keys(access.buckets ?? {}).length > 0;
  const sns = (access.topics ?? []).length > 0;
  const sqs = grants.queue ?? false;
  const floor = FLOORS.find((candidate) => candidate.clients.s3 === s3 && candidate.clients.sns === sns && candidate.clients.sqs === sqs);
  if (!floor) throw new Error(`no cold-start floor holds the clients s3=${s3} sns=${sns} sqs=${sqs}: add one to bench/floors/`);
  return floor.id;
}

/**
 * The background functions (not routes), with the access and grants lib/constructs/webhooks.ts
 * and lib/constructs/jobs.ts give them: keep them in step.
 */
export const backgroundFunctions: { id: string; entry: string; access: RouteDefinition['access']; queue?: boolean }[] = [
  { id: 'OutboxPublisher', entry: webhookFunctionEntries.publisher, access: { topics: [...topicNames] } },
  { id: 'WebhookDelivery', entry: webhookFunctionEntries.delivery, access: { table: 'readwrite' }, queue: true },
  { id: 'MaintenanceDue', entry: webhookFunctionEntries.maintenanceDue, access: { table: 'readwrite' } },
  { id: 'BackfillEventCounters', entry: jobFunctionEntries.backfillEventCounters, access: { table: 'readwrite' } },
];
const MARKER = '__BENCH_COLD_START__';
/** A module that hangs at import must not hang the bench. */
const LOAD_TIMEOUT_MS = 30_000;

/**
 * Runs in the child. Init is what the Lambda runtime pays when it imports the handler: reading,
 * compiling and evaluating the bundle, module-scope clients included; Node's own boot is outside
 * the timed span since it is the same for every function. Network activity is watched because a
 * call at import would make the figure meaningless (and break the no-network-at-init rule).
 */
const LOADER = `
import dc from 'node:diagnostics_channel';
const network = [];
for (const name of ['net.client.socket', 'http.client.request.start', 'undici:request:create']) {
  dc.subscribe(name, () => network.push(name));
}
const f0 = process.resourceUsage().minorPageFault;
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(process.argv[1]);
const initMs = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const faults = process.resourceUsage().minorPageFault - f0;
await new Promise((resolve) => setImmediate(resolve));
for (const resource of process.getActiveResourcesInfo()) {
  if (/GetAddrInfo|TCP|TLS|UDP/.test(resource)) network.push(resource);
}
process.stdout.write('\\n${MARKER}' + JSON.stringify({ initMs, cpuMs: (cpu.user + cpu.system) / 1000, faults, handler: typeof mod.handler, network }) + '\\n');
process.exit(0);
`;

export interface Subject {
  id: string;
  entry: string;
  /** Modules replaced in this bundle (bench/variants/): see BundleRequest. */
  substitutes?: Record<string, string>;
  /** What the stack puts in the function's environment, beyond the common variables. */
  env: Record<string, string>;
  /** The floor's id; undefined for a floor. */
  floor?: string;
}

interface LoadSample {
  initMs: number;
  cpuMs: number;
  /** Minor page faults over the import span: memory touched for the first time. */
  faults: number;
  network: string[];
}

export interface ColdStartRow {
  id: string;
  entry: string;
  bundleBytes?: number;
  sourceMapBytes?: number;
  initMs?: Distribution;
  ratio?: number;
  /**
   * CPU time (user + system, all threads) over the same span: not the budget's metric, but far
   * less sensitive to other processes competing for the CPUs, so it tells noise from a real cost.
   */
  cpuMs?: Distribution;
  cpuRatio?: number;
  /**
   * Minor page faults over the import span (median) and their ratio to the floor's: not judged,
   * but nearly deterministic (a few tens between loads, whatever the load average), and on a
   * virtual machine a page fault is expensive: they tell a real cost from noise. docs/bench.md.
   */
  faults?: number;
  faultsRatio?: number;
  /** The floor this row is judged against (for a floor: the DynamoDB-only one, for information). */
  floor?: string;
  /**
   * The judged figure: the median over rounds of (this function's CPU time / the CPU time of the
   * floor load just before it), with a 90% bootstrap interval of that median. See docs/bench.md.
   */
  judgedRatio?: number;
  judgedInterval?: { low: number; high: number };
  verdict: 'BASELINE' | 'FLOOR' | 'PASS' | 'FAIL' | 'ERROR';
  error?: string;
  packages: { name: string; bytes: number }[];
  topInputs: { name: string; bytes: number }[];
}

export const coldStartSuite: BenchSuite = {
  id: 'cold-start',
  title: 'Cold start: median init of each bundle vs the floor holding the SDK clients it is granted',
  run: runColdStart,
};

async function runColdStart(context: BenchContext): Promise<SuiteOutcome> {
  const { log, runs } = context;
  // BENCH_FUNCTIONS=CreateShift,Health measures only those (and the floors they need): for iterating
  // on one function's imports; the verdict of record is always the full run.
  const only = (process.env.BENCH_FUNCTIONS ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const functions = [
    ...routes.map(routeSubject),
    ...backgroundFunctions.map(backgroundSubject),
    { id: 'Authorizer', entry: authorizerEntry, env: { TABLE_NAME: 'bench', ...authorizerEnv }, floor: BASELINE_ID },
  ].filter((subject) => only.length === 0 || only.includes(subject.id)) satisfies Subject[];
  if (functions.length === 0) throw new Error(`BENCH_FUNCTIONS names no function: ${only.join(', ')}`);
  const neededFloors = new Set([BASELINE_ID, ...functions.map((subject) => subject.floor)]);
  const subjects: Subject[] = [
    ...FLOORS.filter((floor) => neededFloors.has(floor.id)).map((floor) => ({
      id: floor.id,
      entry: floor.entry,
      env: { TABLE_NAME: 'bench', ...(floor.clients.s3 ? { BUCKET_BENCH: 'bench' } : {}) } as Record<string, string>,
    })),
    ...functions,
  ];

  const items = await measure(context, subjects, { adjacentPairs: true });
  const baseline = items[0]!;
  if (baseline.error) throw new Error(`the baseline bundle stopped loading: ${baseline.error}`);
  const baselineMedian = distribution(baseline.samples).median;
  const floorMedians = new Map<string, { wall: number; cpu: number; faults: number }>();
  for (const item of items.filter((candidate) => !candidate.subject.floor)) {
    if (item.error) throw new Error(`the floor ${item.subject.id} does not load: ${item.error}`);
    floorMedians.set(item.subject.id, { wall: distribution(item.samples).median, cpu: distribution(item.cpuSamples).median, faults: distribution(item.faultSamples).median });
  }
  const rows: ColdStartRow[] = items.map((item) => {
    // A floor is shown against the DynamoDB-only one: what its extra clients cost.
    const floorId = item.subject.floor ?? BASELINE_ID;
    const floor = floorMedians.get(floorId)!;
    const row: ColdStartRow = {
      id: item.subject.id,
      entry: item.subject.entry,
      bundleBytes: item.bundle?.bytes,
      sourceMapBytes: item.bundle?.sourceMapBytes,
      floor: item === baseline ? undefined : floorId,
      verdict: 'ERROR',
      packages: item.bundle?.packages ?? [],
      topInputs: item.bundle?.topInputs ?? [],
    };
    if (item.network.size > 0) {
      item.error ??= `network activity at import: ${[...item.network].join(', ')}`;
    }
    if (item.samples.length > 0) {
      const stats = distribution(item.samples);
      const cpu = distribution(item.cpuSamples);
      row.initMs = rounded(stats);
      row.ratio = round(stats.median / floor.wall, 3);
      row.cpuMs = rounded(cpu);
      row.cpuRatio = round(cpu.median / floor.cpu, 3);
      row.faults = distribution(item.faultSamples).median;
      row.faultsRatio = round(row.faults / floor.faults, 3);
    }
    if (item.pairedCpuRatios.length > 0) {
      row.judgedRatio = round(distribution(item.pairedCpuRatios).median, 3);
      const interval = medianInterval(item.pairedCpuRatios);
      row.judgedInterval = { low: round(interval.low, 3), high: round(interval.high, 3) };
    }
    if (item.error) row.error = item.error;
    else if (item === baseline) row.verdict = 'BASELINE';
    else if (!item.subject.floor) row.verdict = 'FLOOR';
    else row.verdict = row.judgedRatio! <= COLD_START_BUDGET ? 'PASS' : 'FAIL';
    return row;
  });

  report(log, rows);

  const functionRows = rows.filter((row) => row.verdict !== 'BASELINE' && row.verdict !== 'FLOOR');
  const measured = functionRows.filter((row) => row.judgedRatio !== undefined);
  const worst = measured.reduce<ColdStartRow | undefined>((max, row) => (max === undefined || row.judgedRatio! > max.judgedRatio! ? row : max), undefined);
  const failed = functionRows.filter((row) => row.verdict === 'FAIL' || row.verdict === 'ERROR');
  const passed = failed.length === 0;
  const headline =
    `Cold start: worst CPU ratio to its floor ${worst ? `${worst.judgedRatio!.toFixed(2)}x (${worst.id}, 90% interval ${worst.judgedInterval!.low.toFixed(2)}-${worst.judgedInterval!.high.toFixed(2)}x)` : 'n/a'} against a budget of ${COLD_START_BUDGET.toFixed(2)}x; ` +
    (passed ? `all ${functionRows.length} functions PASS` : `${failed.length} of ${functionRows.length} over budget or broken: ${failed.map((row) => row.id).join(', ')}`);

  return {
    passed,
    headline,
    data: {
      budgetRatio: COLD_START_BUDGET,
      runs,
      baselineMedianMs: round(baselineMedian),
      floorMedianMs: Object.fromEntries([...floorMedians].map(([id, median]) => [id, round(median.wall)])),
      worst: worst ? { id: worst.id, ratio: worst.judgedRatio, interval: worst.judgedInterval, wallRatio: worst.ratio } : null,
      rows,
    },
  };
}

export interface MeasuredItem {
  subject: Subject;
  bundle?: BundleResult;
  samples: number[];
  cpuSamples: number[];
  faultSamples: number[];
  /** Each round's CPU time over that of the subject it is paired with (`floor`): the load just before it with `adjacentPairs`, else the one in the same round. */
  pairedCpuRatios: number[];
  network: Set<string>;
  error?: string;
}

export interface MeasureOptions {
  /**
   * Each subject's partner (the one its `floor` names, else the baseline) is loaded again right
   * before it, and the subject's paired ratio is taken to that load: every function gets its own
   * partner samples. Without it (the variants' comparison), a round loads each subject once and a
   * subject is paired with its partner's load in the same round, a load shared by every subject of
   * the round (see docs/bench.md, "Verdict").
   */
  adjacentPairs?: boolean;
}

/**
 * Bundles the subjects, loads each once unmeasured, then `context.runs` interleaved rounds, in the
 * given order. A subject is paired with the one its `floor` names, which must come before it in
 * the list; the first subject is the baseline every floor is paired with. Without
 * `adjacentPairs`, a round is one load of each subject (partners load first in every round); with
 * it, a round is, for each subject but the baseline, a load of its partner then one of the subject.
 */
export async function measure(context: BenchContext, subjects: Subject[], options: MeasureOptions = {}): Promise<MeasuredItem[]> {
  const { log, runs } = context;
  const bundleStart = performance.now();
  const bundles = await bundleAll(context.projectRoot, context.outDir, subjects.map(({ id, entry, substitutes }) => ({ id, entry, substitutes })));
  log(`Bundled ${bundles.length} entries in ${Math.round(performance.now() - bundleStart)} ms`);

  const items: MeasuredItem[] = subjects.map((subject, index) => {
    const bundle = bundles[index]!;
    return {
      subject,
      bundle: isBundleFailure(bundle) ? undefined : bundle,
      samples: [],
      cpuSamples: [],
      faultSamples: [],
      pairedCpuRatios: [],
      network: new Set<string>(),
      error: isBundleFailure(bundle) ? bundle.error : undefined,
    };
  });
  const baseline = items[0]!;

  // One unmeasured load each, so the first measured round does not pay for a cold page cache; it
  // also finds broken bundles before the rounds waste time on them.
  for (const item of items) {
    if (!item.bundle) continue;
    try {
      const sample = await load(item.bundle, item.subject);
      sample.network.forEach((activity) => item.network.add(activity));
    } catch (error) {
      item.error = (error as Error).message;
    }
  }
  if (baseline.error) throw new Error(`the baseline bundle does not load: ${baseline.error}`);

  /** One measured load of `item`, recorded in it: its CPU time, or undefined if it failed. */
  const loadOnce = async (item: MeasuredItem): Promise<number | undefined> => {
    try {
      const sample = await load(item.bundle!, item.subject);
      item.samples.push(sample.initMs);
      item.cpuSamples.push(sample.cpuMs);
      item.faultSamples.push(sample.faults);
      sample.network.forEach((activity) => item.network.add(activity));
      return sample.cpuMs;
    } catch (error) {
      item.error = (error as Error).message;
      return undefined;
    }
  };
  const byId = new Map(items.map((item) => [item.subject.id, item]));
  const partnerOf = (item: MeasuredItem) => byId.get(item.subject.floor ?? baseline.subject.id)!;

  // Interleaved rounds, so machine noise lands on every bundle alike.
  const measureStart = performance.now();
  for (let round = 1; round <= runs; round++) {
    const roundCpu = new Map<string, number>();
    for (const item of items) {
      if (item.error || !item.bundle) continue;
      if (options.adjacentPairs) {
        // The baseline is loaded as every floor's partner.
        if (item === baseline) continue;
        const partner = partnerOf(item);
        if (partner.error || !partner.bundle) continue;
        const partnerCpu = await loadOnce(partner);
        const cpu = partnerCpu === undefined ? undefined : await loadOnce(item);
        if (partnerCpu !== undefined && cpu !== undefined) item.pairedCpuRatios.push(cpu / partnerCpu);
        continue;
      }
      const cpu = await loadOnce(item);
      if (cpu === undefined) continue;
      roundCpu.set(item.subject.id, cpu);
      const pairedWith = roundCpu.get(partnerOf(item).subject.id);
      if (item !== baseline && pairedWith !== undefined) item.pairedCpuRatios.push(cpu / pairedWith);
    }
    if (round === 1 || round % 5 === 0 || round === runs) {
      log(`  round ${round}/${runs} (${((performance.now() - measureStart) / 1000).toFixed(1)} s)`);
    }
  }
  return items;
}

/** The variables the stack sets (lib/stack.ts, lib/constructs/api-function.ts), with dummy values. */
export function routeSubject(route: RouteDefinition): Subject {
  const env: Record<string, string> = { PUBLIC_BASE_URL: 'https://api.bench.invalid' };
  if (route.access.table) env.TABLE_NAME = 'bench';
  for (const topic of route.access.topics ?? []) {
    env[`TOPIC_ARN_${upperSnake(topic)}`] = `arn:aws:sns:eu-west-3:123456789012:bench-${topic}`;
  }
  for (const bucket of Object.keys(route.access.buckets ?? {})) {
    env[`BUCKET_${upperSnake(bucket)}`] = `bench-${bucket}`;
  }
  return { id: route.id, entry: route.entry, env, floor: floorOf(route.access) };
}

function backgroundSubject(fn: (typeof backgroundFunctions)[number]): Subject {
  const { env } = routeSubject({ id: fn.id, entry: fn.entry, access: fn.access } as RouteDefinition);
  delete env.PUBLIC_BASE_URL;
  if (fn.queue) env.WEBHOOK_QUEUE_URL = 'https://sqs.eu-west-3.amazonaws.com/123456789012/bench-webhook-deliveries';
  return { id: fn.id, entry: fn.entry, env, floor: floorOf(fn.access, { queue: fn.queue }) };
}

const authorizerEnv = {
  JWT_ISSUER: 'https://issuer.bench.invalid/',
  JWT_AUDIENCE: 'https://planninghub-spectacle.fr/api',
  JWKS_URI: 'https://issuer.bench.invalid/.well-known/jwks.json',
};

// Same rule as lib/constructs/storage.ts, which cannot be imported here without loading aws-cdk-lib.
const upperSnake = (name: string) => name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();

/**
 * A Lambda-like environment built from scratch: nothing leaks from the shell (no
 * AWS_ENDPOINT_URL_*, no AWS profile, and no NODE_OPTIONS from tsx, whose hooks would slow every
 * import down).
 */
function lambdaEnv(subject: Subject): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: 'UTC',
    // No NODE_OPTIONS: lib/constructs/api-function.ts sets none (no --enable-source-maps, whose
    // decoding of the whole map at import was 12-14% of it; the logger maps stacks at error time).
    // The stage's variables (lib/stack.ts) and, with active tracing, the trace header Lambda sets:
    // the functions read them at init as deployed (docs/operations.md).
    LOG_LEVEL: 'info',
    STAGE: 'production',
    _X_AMZN_TRACE_ID: 'Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=1',
    // What Lambda sets with active tracing; an X-Ray SDK (the tracing variants of
    // bench/cold-start-variants.ts) reads them at init, and LAMBDA_TASK_ROOT puts it in Lambda mode.
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
    _AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129',
    _AWS_XRAY_DAEMON_PORT: '2000',
    LAMBDA_TASK_ROOT: '/var/task',
    AWS_REGION: 'eu-west-3',
    AWS_DEFAULT_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'AKIABENCHDUMMY000000',
    AWS_SECRET_ACCESS_KEY: 'bench-dummy-secret-access-key',
    AWS_SESSION_TOKEN: 'bench-dummy-session-token',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: `bench-${subject.id}`,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    ...subject.env,
  };
}

function load(bundle: BundleResult, subject: Subject): Promise<LoadSample> {
  return new Promise((resolve, reject) => {
    // process.execPath: the Node 24 running the bench, not whatever `node` is first on PATH.
    const child = spawn(process.execPath, ['--input-type=module', '--eval', LOADER, pathToFileURL(bundle.file).href], {
      env: lambdaEnv(subject),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: LOAD_TIMEOUT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(MARKER));
      if (code !== 0 || !line) {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`;
        reject(new Error(`${subject.id} did not load (${why}): ${lastLines(stderr || stdout)}`));
        return;
      }
      const result = JSON.parse(line.slice(MARKER.length)) as { initMs: number; cpuMs: number; faults: number; handler: string; network: string[] };
      if (result.handler !== 'function') {
        reject(new Error(`${subject.id}: ${subject.entry} exports no handler function (got ${result.handler})`));
        return;
      }
      resolve({ initMs: result.initMs, cpuMs: result.cpuMs, faults: result.faults, network: result.network });
    });
  });
}

const rounded = (stats: Distribution): Distribution => ({
  median: round(stats.median),
  p25: round(stats.p25),
  p75: round(stats.p75),
  min: round(stats.min),
  max: round(stats.max),
  samples: stats.samples.map((ms) => round(ms)),
});

const lastLines = (text: string) => text.trim().split('\n').slice(-5).join(' | ') || '(no output)';

function report(log: BenchContext['log'], rows: ColdStartRow[]): void {
  log();
  log(
    table(
      ['function', 'floor', '>bundle KiB', '>map KiB', '>median init ms', '>p25-p75 ms', '>wall ratio', '>cpu ms', '>faults', '>faults ratio', '>cpu ratio', '>90% interval', 'verdict'],
      rows.map((row) => [
        row.id,
        row.floor ?? '-',
        row.bundleBytes !== undefined ? kib(row.bundleBytes) : '-',
        row.sourceMapBytes !== undefined ? kib(row.sourceMapBytes) : '-',
        row.initMs ? row.initMs.median.toFixed(2) : '-',
        row.initMs ? `${row.initMs.p25.toFixed(1)}-${row.initMs.p75.toFixed(1)}` : '-',
        row.ratio !== undefined ? `${row.ratio.toFixed(2)}x` : '-',
        row.cpuMs ? row.cpuMs.median.toFixed(2) : '-',
        row.faults !== undefined ? String(row.faults) : '-',
        row.faultsRatio !== undefined ? `${row.faultsRatio.toFixed(2)}x` : '-',
        row.judgedRatio !== undefined ? `${row.judgedRatio.toFixed(2)}x` : row.verdict === 'BASELINE' ? '1.00x' : '-',
        row.judgedInterval ? `${row.judgedInterval.low.toFixed(2)}-${row.judgedInterval.high.toFixed(2)}` : '-',
        row.verdict === 'BASELINE' ? '(baseline)' : row.verdict === 'FLOOR' ? '(floor)' : row.verdict,
      ]),
    ),
  );
  log(
    `cpu ratio (judged) = median over rounds of CPU time / the CPU time of its floor loaded just before it (a floor: / the DynamoDB-only baseline's); PASS at most ${COLD_START_BUDGET.toFixed(2)}x. ` +
      "wall ratio = median init / its floor's median: shown, not judged (it measures the neighbours on a shared machine; docs/bench.md).",
  );
  for (const row of rows.filter((candidate) => candidate.error)) log(`  ${row.id}: ${row.error}`);

  log();
  log('Bundle composition (minified KiB in the bundle, top packages):');
  for (const row of rows) {
    const top = row.packages.slice(0, 6).map((share) => `${share.name} ${kib(share.bytes)}`);
    log(`  ${row.id.padEnd(Math.max(...rows.map((candidate) => candidate.id.length)))}  ${top.join(', ')}`);
  }
}
