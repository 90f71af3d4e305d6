/**
 * The two environments the CDK app synthesizes, `staging` then `production` (docs/deploy.md): one
 * stack each, with its own name, log level and retention, removal policies, alarm recipients and
 * Auth0 tenant. Per-stage values come from context, most specific first:
 *
 *   1. `-c <stage>.<key>=value` on the command line (e.g. `-c production.auth0Domain=acme.eu.auth0.com`);
 *   2. `context.stages.<stage>.<key>` in cdk.json;
 *   3. the flat key (`-c key=value`) or its STAGECREW_* variable, shared by both stages (readSettings);
 *   4. the stage's profile below, then readSettings' defaults.
 */
import type { Node } from 'constructs';
import { readSettings, type StackSettings } from './stack.ts';

export const STAGES = ['staging', 'production'] as const;
export type StageName = (typeof STAGES)[number];
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** When an alarm fires (docs/operations.md, "Alarms"); all from configuration. */
export interface AlarmThresholds {
  /** API-wide 5xx answers, in percent of requests, over `periodMinutes`. */
  api5xxPercent: number;
  /** p99 latency of one route as API Gateway measures it (authorizer and integration included). */
  routeP99LatencyMs: number;
  /** Errors (uncaught, timeouts, out of memory) of one function over the period. */
  functionErrors: number;
  /** Throttled invocations of one function over the period. */
  functionThrottles: number;
  /** Throttled DynamoDB requests on the table over the period. */
  dynamoThrottles: number;
  /** DynamoDB system errors (HTTP 500 from the service) over the period. */
  dynamoSystemErrors: number;
  /** Messages waiting in a dead-letter queue (the webhook deliveries' DLQs). */
  deadLetterMessages: number;
  /** Age of the oldest stream record the outbox publisher has not read yet. */
  streamIteratorAgeMs: number;
  /** Length of one evaluation period, in minutes. */
  periodMinutes: number;
  /** Consecutive breaching periods before an alarm fires. */
  evaluationPeriods: number;
}

export interface OperationsSettings {
  stage: StageName;
  /** LOG_LEVEL of every function. */
  logLevel: LogLevel;
  /**
   * true: the table (with deletion protection), the buckets and the log groups survive a stack
   * deletion; false: `cdk destroy` removes them (empty the buckets first).
   */
  retainData: boolean;
  /** Who receives the alarms (an e-mail subscription on the operators' topic); none: no subscription. */
  alarmEmail?: string;
  alarms: AlarmThresholds;
}

export interface StageConfig {
  name: StageName;
  stackName: string;
  settings: StackSettings;
  operations: OperationsSettings;
}

export const DEFAULT_THRESHOLDS: AlarmThresholds = {
  api5xxPercent: 1,
  routeP99LatencyMs: 2000,
  functionErrors: 1,
  functionThrottles: 1,
  dynamoThrottles: 1,
  dynamoSystemErrors: 1,
  deadLetterMessages: 1,
  streamIteratorAgeMs: 60_000,
  periodMinutes: 5,
  evaluationPeriods: 1,
};

/** What differs between the stages when configuration says nothing. */
const PROFILES: Record<StageName, { stackName: string; logLevel: LogLevel; logRetentionDays: number; retainData: boolean; alarms: Partial<AlarmThresholds> }> = {
  // Short retention, verbose logs, everything destroyable: staging is rebuilt at will.
  staging: { stackName: 'StagecrewStaging', logLevel: 'debug', logRetentionDays: 14, retainData: false, alarms: { routeP99LatencyMs: 3000, evaluationPeriods: 2 } },
  production: { stackName: 'StagecrewProduction', logLevel: 'info', logRetentionDays: 365, retainData: true, alarms: {} },
};

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** The stage's view of the context: `<stage>.<key>`, then `stages.<stage>.<key>`, then the flat key. */
export function stageContext(node: Pick<Node, 'tryGetContext'>, stage: StageName): Pick<Node, 'tryGetContext'> {
  const block = (node.tryGetContext('stages') as Record<string, Record<string, unknown>> | undefined)?.[stage] ?? {};
  return {
    tryGetContext: (key: string) => node.tryGetContext(`${stage}.${key}`) ?? block[key] ?? node.tryGetContext(key),
  };
}

export function readStage(node: Pick<Node, 'tryGetContext'>, stage: StageName, env: NodeJS.ProcessEnv = process.env): StageConfig {
  const profile = PROFILES[stage];
  const context = stageContext(node, stage);
  const get = (key: string): unknown => {
    const value: unknown = context.tryGetContext(key);
    return value === '' || value === null ? undefined : value;
  };
  const withDefaults: Pick<Node, 'tryGetContext'> = {
    tryGetContext: (key) => get(key) ?? (key === 'logRetentionDays' && env.STAGECREW_LOG_RETENTION_DAYS === undefined ? profile.logRetentionDays : undefined),
  };
  const settings = readSettings(withDefaults, env);

  const logLevel = String(get('logLevel') ?? profile.logLevel) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`${stage}: logLevel must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const retainRaw = get('retainData') ?? profile.retainData;
  if (![true, false, 'true', 'false'].includes(retainRaw as never)) throw new Error(`${stage}: retainData must be true or false, got "${String(retainRaw)}"`);
  const alarmEmail = get('alarmEmail') === undefined ? undefined : String(get('alarmEmail'));
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) throw new Error(`${stage}: alarmEmail must be an e-mail address, got "${alarmEmail}"`);

  const alarms = { ...DEFAULT_THRESHOLDS, ...profile.alarms };
  const overrides = (get('alarms') ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(alarms) as (keyof AlarmThresholds)[]) {
    const raw = context.tryGetContext(`alarms.${key}`) ?? overrides[key];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${stage}: alarms.${key} must be a positive number, got "${String(raw)}"`);
    alarms[key] = value;
  }
  for (const key of Object.keys(overrides)) {
    if (!(key in alarms)) throw new Error(`${stage}: unknown alarm threshold "${key}" (known: ${Object.keys(alarms).join(', ')})`);
  }

  return {
    name: stage,
    // Never the flat `stackName`: the two stages must not share a stack.
    stackName: String(node.tryGetContext(`${stage}.stackName`) ?? (node.tryGetContext('stages') as Record<string, Record<string, unknown>> | undefined)?.[stage]?.stackName ?? profile.stackName),
    settings,
    operations: { stage, logLevel, retainData: retainRaw === true || retainRaw === 'true', alarmEmail, alarms },
  };
}
