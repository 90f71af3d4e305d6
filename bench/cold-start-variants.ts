/**
 * `npm run bench -- cold-start-variants` (issue 13, "measure both"): a one-off comparison, not a
 * budget. A few functions are bundled as deployed and with one module replaced (bench/variants/),
 * all loaded in the same interleaved rounds as the cold-start suite (bench/cold-start.ts), and each
 * variant's CPU time is divided by the deployed bundle's in the same round:
 *
 * - `powertools-metrics`: shared/observability/metrics.ts backed by @aws-lambda-powertools/metrics
 *   instead of the EMF lines our logger writes;
 * - `xray-sdk`: shared/store/client.ts wrapping the DynamoDB client with aws-xray-sdk-core's
 *   captureAWSv3Client (SDK calls as X-Ray subsegments);
 * - `powertools-tracer`: the same through @aws-lambda-powertools/tracer.
 *
 * Also shown: each bundle's CPU time over its floor's in the same round, the figure the cold-start
 * budget (1.25x) judges, i.e. what the function's verdict would be with the variant.
 * BENCH_FUNCTIONS=GetEvent,BookEquipment picks the functions (default below).
 */
import { routes } from '../lib/manifest.ts';
import { BASELINE_ID, COLD_START_BUDGET, FLOORS, measure, routeSubject } from './cold-start.ts';
import type { Subject } from './cold-start.ts';
import { distribution, kib, medianInterval, round, table } from './stats.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';

/** A representative read of each surface's kind and the two write paths that record metrics. */
const DEFAULT_FUNCTIONS = ['GetEvent', 'BookEquipment', 'CreateShift'];

export const VARIANTS = [
  { id: 'powertools-metrics', substitutes: { 'shared/observability/metrics.ts': 'bench/variants/metrics-powertools.ts' } },
  { id: 'xray-sdk', substitutes: { 'shared/store/client.ts': 'bench/variants/client-xray-sdk.ts' } },
  { id: 'powertools-tracer', substitutes: { 'shared/store/client.ts': 'bench/variants/client-powertools-tracer.ts' } },
] as const;

export const coldStartVariantsSuite: BenchSuite = {
  id: 'cold-start-variants',
  title: 'Cold start of a few functions as deployed vs with Powertools Metrics, X-Ray SDK or Powertools Tracer (one-off comparison, issue 13)',
  onlyWhenNamed: true,
  run: runVariants,
};

interface VariantRow {
  function: string;
  variant: string;
  id: string;
  bundleBytes?: number;
  cpuMs?: number;
  initMs?: number;
  /** Median over rounds of CPU time / the deployed bundle's, with its 90% interval. */
  vsDeployed?: { ratio: number; low: number; high: number };
  /** Median over rounds of CPU time / the function's floor's: the cold-start budget's figure. */
  vsFloor?: { ratio: number; low: number; high: number };
  floor: string;
  error?: string;
}

const pairedMedian = (numerators: number[], denominators: number[]) => {
  const ratios = numerators.map((value, index) => value / denominators[index]!).filter(Number.isFinite);
  if (ratios.length === 0) return undefined;
  const interval = medianInterval(ratios);
  return { ratio: round(distribution(ratios).median, 3), low: round(interval.low, 3), high: round(interval.high, 3) };
};

async function runVariants(context: BenchContext): Promise<SuiteOutcome> {
  const { log } = context;
  const only = (process.env.BENCH_FUNCTIONS ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const names = only.length > 0 ? only : DEFAULT_FUNCTIONS;
  const chosen = names.map((name) => {
    const route = routes.find((candidate) => candidate.id === name);
    if (!route) throw new Error(`cold-start-variants: no route ${name}`);
    return routeSubject(route);
  });
  const floorIds = new Set([BASELINE_ID, ...chosen.map((subject) => subject.floor!)]);
  const subjects: Subject[] = [
    ...FLOORS.filter((floor) => floorIds.has(floor.id)).map((floor) => ({ id: floor.id, entry: floor.entry, env: { TABLE_NAME: 'bench' } as Record<string, string> })),
  ];
  for (const deployed of chosen) {
    subjects.push(deployed);
    for (const variant of VARIANTS) {
      subjects.push({ ...deployed, id: `${deployed.id}~${variant.id}`, substitutes: variant.substitutes, floor: deployed.id });
    }
  }

  const items = await measure(context, subjects);
  const byId = new Map(items.map((item) => [item.subject.id, item]));
  const rows: VariantRow[] = [];
  for (const deployed of chosen) {
    const floorItem = byId.get(deployed.floor!)!;
    const deployedItem = byId.get(deployed.id)!;
    for (const variant of ['deployed', ...VARIANTS.map((candidate) => candidate.id)]) {
      const id = variant === 'deployed' ? deployed.id : `${deployed.id}~${variant}`;
      const item = byId.get(id)!;
      const complete = !item.error && !deployedItem.error && !floorItem.error;
      if (item.network.size > 0) item.error ??= `network activity at import: ${[...item.network].join(', ')}`;
      rows.push({
        function: deployed.id,
        variant,
        id,
        floor: deployed.floor!,
        bundleBytes: item.bundle?.bytes,
        cpuMs: item.cpuSamples.length > 0 ? round(distribution(item.cpuSamples).median) : undefined,
        initMs: item.samples.length > 0 ? round(distribution(item.samples).median) : undefined,
        vsDeployed: complete && variant !== 'deployed' ? pairedMedian(item.cpuSamples, deployedItem.cpuSamples) : undefined,
        vsFloor: complete ? pairedMedian(item.cpuSamples, floorItem.cpuSamples) : undefined,
        error: item.error,
      });
    }
  }

  const deployedBytes = new Map(rows.filter((row) => row.variant === 'deployed').map((row) => [row.function, row.bundleBytes ?? 0]));
  log();
  log(
    table(
      ['function', 'variant', '>bundle KiB', '>+KiB', '>median init ms', '>cpu ms', '>cpu / deployed', '>90% interval', '>cpu / floor', 'floor', 'within 1.25x'],
      rows.map((row) => [
        row.function,
        row.variant,
        row.bundleBytes !== undefined ? kib(row.bundleBytes) : '-',
        row.bundleBytes !== undefined && row.variant !== 'deployed' ? `+${kib(row.bundleBytes - deployedBytes.get(row.function)!)}` : '-',
        row.initMs?.toFixed(2) ?? '-',
        row.cpuMs?.toFixed(2) ?? '-',
        row.vsDeployed ? `${row.vsDeployed.ratio.toFixed(3)}x` : '-',
        row.vsDeployed ? `${row.vsDeployed.low.toFixed(2)}-${row.vsDeployed.high.toFixed(2)}` : '-',
        row.vsFloor ? `${row.vsFloor.ratio.toFixed(2)}x` : '-',
        row.floor,
        row.vsFloor ? (row.vsFloor.ratio <= COLD_START_BUDGET ? 'yes' : 'NO') : '-',
      ]),
    ),
  );
  log('cpu / deployed = median over rounds of the variant\'s CPU time at import over the deployed bundle\'s in the same round; cpu / floor = the cold-start budget\'s figure.');
  for (const row of rows.filter((candidate) => candidate.error)) log(`  ${row.id}: ${row.error}`);
  log();
  log('Bundle composition of the variants (minified KiB, top packages):');
  for (const item of items.filter((candidate) => candidate.subject.substitutes)) {
    log(`  ${item.subject.id}  ${(item.bundle?.packages ?? []).slice(0, 8).map((share) => `${share.name} ${kib(share.bytes)}`).join(', ')}`);
  }

  const errors = rows.filter((row) => row.error);
  const summary = VARIANTS.map((variant) => {
    const ratios = rows.filter((row) => row.variant === variant.id && row.vsDeployed).map((row) => row.vsDeployed!.ratio);
    return `${variant.id} ${ratios.map((ratio) => `${ratio.toFixed(2)}x`).join('/')}`;
  }).join(', ');
  return {
    passed: errors.length === 0,
    headline: `Cold-start variants (CPU vs deployed, ${names.join('/')}): ${summary}${errors.length > 0 ? `; ${errors.length} broken: ${errors.map((row) => row.id).join(', ')}` : ''}`,
    data: { functions: names, variants: VARIANTS, rows },
  };
}
