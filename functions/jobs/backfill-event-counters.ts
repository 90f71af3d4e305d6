/** The event counters' backfill, invoked by an operator (no schedule): see shared/app/events/backfill-event-counters.ts. */
import { backfillEventCounters } from '../../shared/app/events/backfill-event-counters.ts';
import { createLogger } from '../../shared/http/logger.ts';

const log = createLogger({ function: 'BackfillEventCounters' });

export const handler = async (event: { organizationIds?: string[] } = {}) => {
  const run = await backfillEventCounters({ organizationIds: event.organizationIds });
  const notDone = run.results.filter((result) => !result.done);
  if (notDone.length > 0) log.warn('event counters not backfilled', { notDone });
  log.info('event counters backfilled', { organizations: run.organizations, changed: run.changed, notDone: run.notDone });
  return run;
};
