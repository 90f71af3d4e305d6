/**
 * Functions an operator invokes by hand (`aws lambda invoke`), with no schedule and no route: the
 * event counters' backfill (docs/data-model.md, "Event counters"). Table read/write only.
 */
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { jobFunctionEntries } from '../manifest.ts';
import { ApiFunction } from './api-function.ts';
import type { Storage } from './storage.ts';

export interface OperatorJobsProps {
  projectRoot: string;
  storage: Storage;
  logRetention: logs.RetentionDays;
  retainLogs?: boolean;
  environment?: Record<string, string>;
}

export class OperatorJobs extends Construct {
  readonly backfillEventCounters: ApiFunction;

  constructor(scope: Construct, id: string, props: OperatorJobsProps) {
    super(scope, id);
    this.backfillEventCounters = new ApiFunction(this, 'BackfillEventCounters', {
      entry: jobFunctionEntries.backfillEventCounters,
      projectRoot: props.projectRoot,
      description: "Operator-invoked: sets each organisation's event counters to a recount of its events, race-free",
      access: { table: 'readwrite' },
      storage: props.storage,
      logRetention: props.logRetention,
      retainLogs: props.retainLogs,
      environment: props.environment,
      // Lambda's ceiling: a whole table's organisations in one run; larger ones are run by ids.
      timeoutSeconds: 900,
    });
  }
}
