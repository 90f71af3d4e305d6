/**
 * The `data` of each domain event (docs/webhooks.md, "Payloads"). The two the PlanningHub spec
 * gives (`shift.conflict.detected`, `equipment.maintenance.due`) are its shapes; the lifecycle
 * events follow the same conventions: snake_case, ids, instants with the organisation's offset as
 * in the spec's examples. Pure: the use cases pass the id and instant (domainEvent()).
 */
import { domainEvent, type OutboxRecord } from './domain-events.ts';
import type { Shift, ShiftConflict, SuggestedAction } from './shift.ts';
import { conflictWire, suggestionWire } from './shift-wire.ts';
import type { EquipmentBooking } from './equipment.ts';
import type { Event } from './event.ts';
import { formatWithOffset } from './time/local-time.ts';

const at = (instant: string, timeZone: string) => formatWithOffset(Date.parse(instant), timeZone);

export interface EventContext {
  id: string;
  at: Date;
  timeZone: string;
}

/**
 * `shift.conflict.detected`: `conflict_with` and `suggested_actions` exactly as the 409 body gives
 * them (the spec's entries, plus `event_id`/`booking_id` and `replaces` where the 409 has them).
 */
export function shiftConflictDetected(
  organizationId: string,
  conflict: { shiftId: string; eventId: string; conflicts: readonly ShiftConflict[]; suggestions: readonly SuggestedAction[] },
  context: EventContext,
): OutboxRecord {
  return domainEvent(
    'shift.conflict.detected',
    organizationId,
    {
      shift_id: conflict.shiftId,
      conflict_with: conflict.conflicts.map((entry) => conflictWire(entry, context.timeZone)),
      suggested_actions: conflict.suggestions.map((action) => suggestionWire(action, conflict.shiftId, context.timeZone)),
    },
    { id: context.id, at: context.at, eventId: conflict.eventId },
  );
}

/** `shift.created` / `shift.updated` / `shift.cancelled`: the shift's identity, times, people and state. */
export function shiftLifecycle(type: 'shift.created' | 'shift.updated' | 'shift.cancelled', shift: Shift, context: EventContext): OutboxRecord {
  const { timeZone } = context;
  return domainEvent(
    type,
    shift.organizationId,
    {
      shift_id: shift.id,
      event_id: shift.eventId,
      title: shift.title,
      status: shift.status,
      call_time: at(shift.callAt, timeZone),
      start_time: at(shift.startAt, timeZone),
      end_time: at(shift.endAt, timeZone),
      technician_ids: shift.technicianIds,
      equipment: shift.resources.flatMap((resource) => (resource.type === 'equipment' ? [{ equipment_id: resource.id, quantity: resource.quantity }] : [])),
      priority: shift.priority,
      version: shift.version,
    },
    { id: context.id, at: context.at, eventId: shift.eventId },
  );
}

/** `equipment.booked` / `equipment.booking.cancelled`. */
export function bookingLifecycle(type: 'equipment.booked' | 'equipment.booking.cancelled', booking: EquipmentBooking, context: EventContext): OutboxRecord {
  const { timeZone } = context;
  return domainEvent(
    type,
    booking.organizationId,
    {
      booking_id: booking.id,
      equipment_id: booking.equipmentId,
      event_id: booking.eventId,
      shift_id: booking.shiftId,
      technician_id: booking.technicianId,
      quantity: booking.quantity,
      start_time: at(booking.startAt, timeZone),
      end_time: at(booking.endAt, timeZone),
      status: booking.status,
    },
    { id: context.id, at: context.at, eventId: booking.eventId },
  );
}

/** `event.published` / `event.cancelled`: instants in the event's own time zone. */
export function eventLifecycle(type: 'event.published' | 'event.cancelled', event: Event, context: { id: string; at: Date }): OutboxRecord {
  return domainEvent(
    type,
    event.organizationId,
    {
      event_id: event.id,
      slug: event.slug,
      title: event.title,
      status: event.status.toLowerCase(),
      start_time: at(event.startAt, event.timezone),
      end_time: at(event.endAt, event.timezone),
    },
    { id: context.id, at: context.at, eventId: event.id },
  );
}

/** The event a status change emits, if any: publishing, or cancelling. */
export function eventStatusChange(before: Pick<Event, 'status'> | null, after: Event): 'event.published' | 'event.cancelled' | null {
  if (after.status === before?.status) return null;
  if (after.status === 'PUBLISHED') return 'event.published';
  if (after.status === 'CANCELLED') return 'event.cancelled';
  return null;
}

// ---------------------------------------------------------------------------------------------
// equipment.maintenance.due (the PlanningHub spec's second webhook).

/** The spec's horizon: an item is announced when its next maintenance is this close (an organisation may set its own). */
export const DEFAULT_MAINTENANCE_HORIZON_DAYS = 45;
/** Besides the horizon itself, the item is announced again at these days before the date (0: due or overdue). */
export const MAINTENANCE_THRESHOLDS = [30, 7, 0] as const;

/**
 * The threshold an item has reached today, or null when its next maintenance is beyond the
 * horizon (or it has none): the smallest of the horizon and MAINTENANCE_THRESHOLDS that is at
 * least `daysUntilDue`. One notice per item, due date and threshold, so a run missed on the day a
 * threshold was crossed still announces it once, and a daily run never repeats it.
 */
export function maintenanceThreshold(daysUntilDue: number, horizonDays: number): number | null {
  if (daysUntilDue > horizonDays) return null;
  const thresholds = [horizonDays, ...MAINTENANCE_THRESHOLDS.filter((threshold) => threshold < horizonDays)];
  return Math.min(...thresholds.filter((threshold) => threshold >= Math.max(0, daysUntilDue)));
}

export interface MaintenanceDue {
  equipment: { id: string; name: string; lastMaintenanceDate: string | null; nextMaintenanceDate: string };
  daysUntilDue: number;
  bookedShifts: { shiftId: string; eventId: string; startAt: string }[];
}

export function maintenanceDue(organizationId: string, due: MaintenanceDue, context: EventContext): OutboxRecord {
  return domainEvent(
    'equipment.maintenance.due',
    organizationId,
    {
      equipment_id: due.equipment.id,
      name: due.equipment.name,
      last_maintenance_date: due.equipment.lastMaintenanceDate,
      next_maintenance_date: due.equipment.nextMaintenanceDate,
      days_until_due: due.daysUntilDue,
      booked_shifts: due.bookedShifts.map((shift) => ({ shift_id: shift.shiftId, event_id: shift.eventId, start_time: at(shift.startAt, context.timeZone) })),
    },
    { id: context.id, at: context.at },
  );
}
