/**
 * Domain metrics (docs/operations.md, "Domain metrics"): counted during a request, written once at
 * its end by the JSON logger as CloudWatch Embedded Metric Format lines (no PutMetricData call, no
 * library: a log line with an `_aws` member becomes a metric).
 *
 * Every metric is declared below with its unit and the only dimensions it may carry; the values a
 * dimension takes are bounded (route keys of the manifest, rate classes, labour rules, surfaces),
 * never an organisation, a user or an id of any kind. The pipeline opens one collector per request
 * (AsyncLocalStorage, so simultaneous requests in the local runtime never mix); outside a request
 * recordMetric() does nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The one namespace of the product's own metrics. */
export const METRICS_NAMESPACE = 'Stagecrew';

export const METRICS = {
  /** Equipment bookings committed. */
  Bookings: { unit: 'Count', dimensions: [] },
  /** Bookings and shifts refused with 409 RESOURCE_CONFLICT, by route. */
  BookingConflicts: { unit: 'Count', dimensions: ['Route'] },
  /** Attempts an allocation needed before it committed or found a conflict (1 = no contention), by route. */
  AllocationAttempts: { unit: 'Count', dimensions: ['Route'] },
  /** Shifts or changes refused with 422 LABOR_LAW_VIOLATION, once per rule broken. */
  LabourLawRefusals: { unit: 'Count', dimensions: ['Rule'] },
  /** Total amount of each shift created, in units of its currency (ISO code, a bounded set). */
  ShiftCost: { unit: 'None', dimensions: ['Currency'] },
  /** Logins refused for wrong credentials. */
  LoginFailures: { unit: 'Count', dimensions: [] },
  /** Logins refused because their source is locked out for a while (429 TOO_MANY_LOGIN_ATTEMPTS). */
  LoginLockouts: { unit: 'Count', dimensions: [] },
  /** Requests refused with 429 by the per-client limits, by rate class. */
  RateLimited: { unit: 'Count', dimensions: ['RateClass'] },
  /** Requests answered from the idempotency record instead of running again, by surface. */
  IdempotentReplays: { unit: 'Count', dimensions: ['Surface'] },
} as const satisfies Record<string, { unit: 'Count' | 'None' | 'Milliseconds'; dimensions: readonly string[] }>;

export type MetricName = keyof typeof METRICS;
type DimensionsOf<N extends MetricName> = { [K in (typeof METRICS)[N]['dimensions'][number]]: string };

interface Sample {
  name: MetricName;
  value: number;
  dimensions: Record<string, string>;
}

/** What a request counted, and the dimensions every one of its metrics gets (the stage). */
export interface MetricCollector {
  samples: Sample[];
  /** The request's route key, for metrics declared with a `Route` dimension. */
  route?: string;
}

const current = new AsyncLocalStorage<MetricCollector>();

/** Runs `work` with a fresh collector; what it records is read with `collected()`. */
export function withMetrics<T>(work: () => T): T {
  return current.run({ samples: [] }, work);
}

/** The current request's collector, if any. */
export const collected = (): MetricCollector | undefined => current.getStore();

/**
 * Counts one occurrence (or adds `value`). `Route`, when the metric has it, defaults to the
 * request's route key.
 */
export function recordMetric<N extends MetricName>(name: N, value = 1, ...dimensions: keyof DimensionsOf<N> extends never ? [] : [Partial<DimensionsOf<N>>?]): void {
  const collector = current.getStore();
  if (!collector || !Number.isFinite(value)) return;
  const given = (dimensions[0] ?? {}) as Record<string, string | undefined>;
  const values: Record<string, string> = {};
  for (const key of METRICS[name].dimensions as readonly string[]) {
    const value = given[key] ?? (key === 'Route' ? collector.route : undefined);
    values[key] = value ?? 'unknown';
  }
  collector.samples.push({ name, value, dimensions: values });
}

/**
 * The EMF documents of a request's samples: one per distinct set of dimension values (a document
 * gives each dimension one value), each metric's values as an array. `fields` (request id, trace
 * id) ride along as plain log fields, never as dimensions.
 */
export function emfDocuments(samples: readonly Sample[], base: Record<string, string>, fields: Record<string, unknown> = {}, timestamp = Date.now()): Record<string, unknown>[] {
  const groups = new Map<string, { dimensions: Record<string, string>; metrics: Map<MetricName, number[]> }>();
  for (const sample of samples) {
    const dimensions = { ...base, ...sample.dimensions };
    const key = JSON.stringify(Object.entries(dimensions).sort());
    const group = groups.get(key) ?? { dimensions, metrics: new Map() };
    group.metrics.set(sample.name, [...(group.metrics.get(sample.name) ?? []), sample.value]);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ dimensions, metrics }) => ({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [Object.keys(dimensions)],
          Metrics: [...metrics.keys()].map((name) => ({ Name: name, Unit: METRICS[name].unit })),
        },
      ],
    },
    ...fields,
    ...dimensions,
    ...Object.fromEntries([...metrics].map(([name, values]) => [name, values.length === 1 ? values[0] : values])),
  }));
}
