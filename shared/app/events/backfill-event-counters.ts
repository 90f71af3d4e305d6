/**
 * The event counters' backfill (operator job; locally `npm run job -- backfill-event-counters`):
 * sets each organisation's counter item to a recount of its event items, while the API keeps
 * writing. Per organisation: read the counter (strongly consistent, noting how many writes had
 * moved it), recount the event items, write the recount on condition that the counter's writes
 * are still those read. An event write that commits during the recount moves the counter in the
 * same transaction, so the condition fails and the organisation is recounted (bounded, shared
 * backoff); one that commits after the write adds to the recount. Docs: docs/data-model.md,
 * "Event counters".
 */
import { listOrganizationsForMaintenance } from '../../store/maintenance-notices.ts';
import { readEventCountersForBackfill, recountEventItems, setEventCounts, type EventCounts } from '../../store/event-counters.ts';
import { RETRY, withRetry, type RetryEnvironment, type RetryPolicy } from '../../domain/retry.ts';

export type OrganizationBackfill =
  | { organizationId: string; done: true; attempts: number; before: EventCounts; after: EventCounts; changed: boolean }
  /** `busy`: every attempt found the counter moved by an event write during its recount; `error`: DynamoDB refused (message). */
  | { organizationId: string; done: false; attempts: number; reason: 'busy' | 'error'; message?: string };

export interface BackfillRun {
  organizations: number;
  /** Organisations whose counter was wrong and is now the recount. */
  changed: number;
  notDone: number;
  results: OrganizationBackfill[];
}

export interface BackfillOptions {
  /** These organisations only; every organisation of the table when absent. */
  organizationIds?: string[];
  retry?: Partial<RetryPolicy>;
  environment?: RetryEnvironment;
}

/**
 * Longer waits than the request paths' policy: each attempt is a whole recount, and an
 * organisation busy enough to move its counter during one is better waited for (about 16 s at
 * worst) than recounted at once.
 */
export const BACKFILL_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 5_000 };

class CounterKeptMoving extends Error {}

export async function backfillEventCounters(options: BackfillOptions = {}): Promise<BackfillRun> {
  const organizationIds = options.organizationIds ?? (await listOrganizationsForMaintenance()).map((organization) => organization.id);
  const results: OrganizationBackfill[] = [];
  // One organisation at a time: the job is rare, and a single writer keeps the table's load flat.
  for (const organizationId of organizationIds) results.push(await backfillOne(organizationId, options));
  return {
    organizations: results.length,
    changed: results.filter((result) => result.done && result.changed).length,
    notDone: results.filter((result) => !result.done).length,
    results,
  };
}

async function backfillOne(organizationId: string, options: BackfillOptions): Promise<OrganizationBackfill> {
  let attempts = 0;
  try {
    return await withRetry<OrganizationBackfill>(
      async (attempt) => {
        attempts = attempt;
        // The counter first: any event write after this read moves `writes` and fails the condition below.
        const read = await readEventCountersForBackfill(organizationId);
        const recount = await recountEventItems(organizationId);
        if (!(await setEventCounts(organizationId, recount, read))) return RETRY;
        return { done: { organizationId, done: true, attempts: attempt, before: read.counts, after: recount, changed: !sameCounts(read.counts, recount) } };
      },
      () => new CounterKeptMoving(),
      { ...BACKFILL_RETRY_POLICY, ...options.retry },
      options.environment,
    );
  } catch (error) {
    if (error instanceof CounterKeptMoving) return { organizationId, done: false, attempts, reason: 'busy' };
    return { organizationId, done: false, attempts, reason: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const sameCounts = (a: EventCounts, b: EventCounts): boolean => (Object.keys(b) as (keyof EventCounts)[]).every((status) => a[status] === b[status]);
