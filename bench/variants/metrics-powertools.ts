/**
 * Cold-start variant (bench/cold-start-variants.ts, issue 13): shared/observability/metrics.ts as
 * it would be with Powertools Metrics writing the EMF lines instead of our logger. Same exports,
 * same declarations; the Metrics instance is created at module scope, as Powertools advises, so
 * its import and construction are in the measured init. Never deployed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { config } from '../../shared/config.ts';

export const METRICS_NAMESPACE = 'Stagecrew';

export const METRICS = {
  Bookings: { unit: 'Count', dimensions: [] },
  BookingConflicts: { unit: 'Count', dimensions: ['Route'] },
  AllocationAttempts: { unit: 'Count', dimensions: ['Route'] },
  LabourLawRefusals: { unit: 'Count', dimensions: ['Rule'] },
  ShiftCost: { unit: 'None', dimensions: ['Currency'] },
  LoginFailures: { unit: 'Count', dimensions: [] },
  LoginLockouts: { unit: 'Count', dimensions: [] },
  RateLimited: { unit: 'Count', dimensions: ['RateClass'] },
  IdempotentReplays: { unit: 'Count', dimensions: ['Surface'] },
} as const satisfies Record<string, { unit: 'Count' | 'None' | 'Milliseconds'; dimensions: readonly string[] }>;

export type MetricName = keyof typeof METRICS;
type DimensionsOf<N extends MetricName> = { [K in (typeof METRICS)[N]['dimensions'][number]]: string };

interface Sample {
  name: MetricName;
  value: number;
  dimensions: Record<string, string>;
}

export interface MetricCollector {
  samples: Sample[];
  route?: string;
}

const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'stagecrew', defaultDimensions: { Stage: config.stage } });
const units = { Count: MetricUnit.Count, None: MetricUnit.NoUnit, Milliseconds: MetricUnit.Milliseconds } as const;

const current = new AsyncLocalStorage<MetricCollector>();

export function withMetrics<T>(work: () => T): T {
  return current.run({ samples: [] }, work);
}

export const collected = (): MetricCollector | undefined => current.getStore();

export function recordMetric<N extends MetricName>(name: N, value = 1, ...dimensions: keyof DimensionsOf<N> extends never ? [] : [Partial<DimensionsOf<N>>?]): void {
  const collector = current.getStore();
  if (!collector || !Number.isFinite(value)) return;
  const given = (dimensions[0] ?? {}) as Record<string, string | undefined>;
  const values: Record<string, string> = {};
  for (const key of METRICS[name].dimensions as readonly string[]) values[key] = given[key] ?? (key === 'Route' ? collector.route : undefined) ?? 'unknown';
  collector.samples.push({ name, value, dimensions: values });
}

/** Powertools writes the documents itself (one single-metric publication per sample); nothing is left for the logger. */
export function emfDocuments(samples: readonly Sample[], _base: Record<string, string>, _fields: Record<string, unknown> = {}): Record<string, unknown>[] {
  for (const sample of samples) {
    const single = metrics.singleMetric();
    single.addDimensions(sample.dimensions);
    single.addMetric(sample.name, units[METRICS[sample.name].unit], sample.value);
  }
  metrics.publishStoredMetrics();
  return [];
}
