/**
 * The contract every bench suite follows, so `bench/run.ts` can run them in turn and file their
 * results side by side in one results.json. Suites print their own human-readable report; the
 * runner only needs to know whether each one stayed within its budget.
 */

export interface BenchContext {
  /** The folder holding package.json: manifest entries are relative to it. */
  projectRoot: string;
  /** bench/.out: gitignored scratch space for bundles, metafiles and results. */
  outDir: string;
  /** Samples per measured item (BENCH_RUNS). */
  runs: number;
  /** Progress and report lines, on stdout. */
  log: (line?: string) => void;
  /**
   * One DynamoDB Local (in memory) for the whole run, started on first use and stopped by the
   * runner: handler modules build their DynamoDB client once, at import, so every suite of one
   * process must talk to the same endpoint. Each suite uses a table of its own.
   */
  dynamoDbLocal(): Promise<{ endpoint: string }>;
}

export interface SuiteOutcome {
  /** False when any item is over its budget or could not be measured. */
  passed: boolean;
  /** One line for the final summary. */
  headline: string;
  /** Everything measured, as written to results.json. */
  data: unknown;
}

export interface BenchSuite {
  /** Stable, kebab-case: the key in results.json and the name to pick it on the command line. */
  id: string;
  title: string;
  /** A one-off comparison rather than a budget: `npm run bench` runs it only when named. */
  onlyWhenNamed?: boolean;
  run(context: BenchContext): Promise<SuiteOutcome>;
}
