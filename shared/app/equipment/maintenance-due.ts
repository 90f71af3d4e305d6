/**
 * The daily maintenance-due schedule (EventBridge Scheduler; locally `npm run job -- maintenance-due`):
 * every active item whose next maintenance is past or within the organisation's horizon (45 days
 * by default) is announced with `equipment.maintenance.due`, with the shifts that hold it in that
 * horizon; once per item, due date and threshold (the horizon, 30, 7, 0 days), not every day.
 */
import { newOutboxId } from '../../store/outbox.ts';
import { getOrganizationTimeZone } from '../../store/identity.ts';
import { equipmentResource, listEquipmentSelection } from '../../store/equipment.ts';
import { readAllocations } from '../../store/allocations.ts';
import { getShifts } from '../../store/shifts.ts';
import { emitMaintenanceNotice, listOrganizationsForMaintenance } from '../../store/maintenance-notices.ts';
import { daysBetween } from '../../domain/equipment.ts';
import { SHIFT_OWNER } from '../../domain/shift.ts';
import { localParts } from '../../domain/time/local-time.ts';
import { DEFAULT_MAINTENANCE_HORIZON_DAYS, maintenanceDue, maintenanceThreshold } from '../../domain/event-payloads.ts';

const DAY_MS = 24 * 3600 * 1000;
/** More items than this in one organisation is beyond what one run announces (the rest the next day). */
const MAX_ITEMS_PER_ORGANIZATION = 5000;

export interface MaintenanceRun {
  organizations: number;
  itemsDue: number;
  emitted: number;
}

export async function announceMaintenanceDue(options: { now?: Date; organizationIds?: string[] } = {}): Promise<MaintenanceRun> {
  const now = options.now ?? new Date();
  const organizations = options.organizationIds ? options.organizationIds.map((id) => ({ id, horizonDays: null })) : await listOrganizationsForMaintenance();
  const run: MaintenanceRun = { organizations: organizations.length, itemsDue: 0, emitted: 0 };
  for (const organization of organizations) {
    const horizonDays = organization.horizonDays ?? DEFAULT_MAINTENANCE_HORIZON_DAYS;
    const timeZone = await getOrganizationTimeZone(organization.id);
    const today = localParts(now, timeZone).date;
    const items = await listEquipmentSelection(organization.id, {}, MAX_ITEMS_PER_ORGANIZATION);
    for (const item of items) {
      if (!item.nextMaintenanceDate) continue;
      const daysUntilDue = daysBetween(today, item.nextMaintenanceDate);
      const threshold = maintenanceThreshold(daysUntilDue, horizonDays);
      if (threshold === null) continue;
      run.itemsDue++;
      const window = { start: now.getTime(), end: now.getTime() + horizonDays * DAY_MS };
      const held = (await readAllocations(organization.id, equipmentResource(item.id), window)).filter((allocation) => allocation.ownerType === SHIFT_OWNER);
      const shifts = await getShifts(organization.id, [...new Set(held.map((allocation) => allocation.ownerId))]);
      const bookedShifts = [...shifts.values()]
        .filter((shift) => shift.status !== 'cancelled')
        .sort((a, b) => a.startAt.localeCompare(b.startAt))
        .map((shift) => ({ shiftId: shift.id, eventId: shift.eventId, startAt: shift.startAt }));
      const record = maintenanceDue(
        organization.id,
        { equipment: { id: item.id, name: item.name, lastMaintenanceDate: item.lastMaintenanceDate, nextMaintenanceDate: item.nextMaintenanceDate }, daysUntilDue, bookedShifts },
        { id: newOutboxId(), at: now, timeZone },
      );
      if (await emitMaintenanceNotice({ organizationId: organization.id, equipmentId: item.id, dueDate: item.nextMaintenanceDate, threshold }, record)) run.emitted++;
    }
  }
  return run;
}
