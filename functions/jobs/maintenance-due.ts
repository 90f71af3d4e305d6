/** The daily maintenance-due schedule (EventBridge Scheduler, not a route): see shared/app/equipment/maintenance-due.ts. */
import { announceMaintenanceDue } from '../../shared/app/equipment/maintenance-due.ts';
import { createLogger } from '../../shared/http/logger.ts';

const log = createLogger({ function: 'MaintenanceDue' });

export const handler = async (event: { organizationIds?: string[] } = {}) => {
  const run = await announceMaintenanceDue({ organizationIds: event.organizationIds });
  log.info('maintenance due announced', { ...run });
  return run;
};
