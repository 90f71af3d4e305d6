/**
 * The shared shape of the "does it grow with history?" suites: the same operation timed on a
 * subject with a small history and on one with a large history, alternately; the large one's
 * median over the small one's is the ratio a budget applies to.
 */
import { distribution, table } from './stats.ts';
import type { Distribution } from './stats.ts';

export interface HistorySubject {
  label: string;
  history: number;
  samples: number[];
}

export interface HistoryRow {
  label: string;
  history: number;
  latencyMs: Distribution;
  ratio: number;
}

/** Times `perSubject` runs per subject after `warmup`, alternating which goes first so a drift in the machine's speed lands on both alike. */
export async function sampleAlternately<S extends HistorySubject>(subjects: S[], warmup: number, perSubject: number, runOnce: (subject: S, round: number) => Promise<number>) {
  for (let i = 0; i < warmup; i++) for (const subject of subjects) await runOnce(subject, i);
  for (let i = 0; i < perSubject; i++) {
    const order = i % 2 === 0 ? subjects : [...subjects].reverse();
    for (const subject of order) subject.samples.push(await runOnce(subject, warmup + i));
  }
}

/** The rows (the first subject is the reference), the ratio of the last one, and the printed table. */
export function compareHistories<S extends HistorySubject>(subjects: S[], subjectColumn: string, log: (line: string) => void) {
  const small = distribution(subjects[0]!.samples);
  const rows = subjects.map((subject) => {
    const latencyMs = distribution(subject.samples);
    return { subject, row: { label: subject.label, history: subject.history, latencyMs, ratio: latencyMs.median / small.median } satisfies HistoryRow };
  });
  log(
    table(
      [subjectColumn, '>history', '>median ms', '>p25-p75 ms', '>min-max ms', '>ratio'],
      rows.map(({ row }) => [
        row.label,
        String(row.history),
        row.latencyMs.median.toFixed(2),
        `${row.latencyMs.p25.toFixed(1)}-${row.latencyMs.p75.toFixed(1)}`,
        `${row.latencyMs.min.toFixed(1)}-${row.latencyMs.max.toFixed(1)}`,
        `${row.ratio.toFixed(2)}x`,
      ]),
    ),
  );
  return { rows, ratio: rows.at(-1)!.row.ratio, small: rows[0]!.row, large: rows.at(-1)!.row };
}

/**
 * A table of the suite's own in the run's DynamoDB Local, and the environment the handlers read:
 * their modules build the DynamoDB client at import, from the environment, as in Lambda.
 */
export async function prepareHandlerTable(context: { dynamoDbLocal(): Promise<{ endpoint: string }> }, tableName: string): Promise<void> {
  const { ensureTable } = await import('../local/dynamodb.ts');
  const dynamo = await context.dynamoDbLocal();
  // No stream: no suite reads one (the webhook suite runs its own runtime), and in DynamoDB Local
  // a stream table created after the previous suites' records pays for them on every write
  // (local/dynamodb.ts).
  await ensureTable(dynamo.endpoint, tableName, { stream: false });
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    TABLE_NAME: tableName,
    // BENCH_LOGS=1 lets the handlers log (to find why a request answered 500).
    LOG_SILENT: process.env.BENCH_LOGS === '1' ? 'false' : 'true',
  });
}
