/**
 * The PlanningHub views of equipment (snake_case). Timeline instants carry the organisation's
 * offset (the spec's GET /equipment shows `2024-02-15T20:00:00+01:00`); booking records are in UTC.
 */
import { freeIntervals, freeThroughout, timeline, type Allocation, type Interval, type Segment } from '../domain/allocation.ts';
import { EQUIPMENT_BOOKING, maintenancePeriods, type BookingWarning, type Equipment, type EquipmentBooking } from '../domain/equipment.ts';
import { formatWithOffset } from '../domain/time/local-time.ts';

export interface TimelineContext {
  window: Interval;
  timeZone: string;
}

/** The segments of an item over a window, from its allocations and maintenance dates. */
export function equipmentSegments(equipment: Equipment, allocations: readonly Allocation[], context: TimelineContext): Segment[] {
  return timeline({
    window: context.window,
    capacity: equipment.quantityTotal,
    allocations,
    blocked: maintenancePeriods(equipment, context.timeZone),
    retired: equipment.status === 'retired',
  });
}

const bookingIdOf = (allocation: Allocation) => (allocation.ownerType === EQUIPMENT_BOOKING ? allocation.ownerId : null);

/**
 * A unit's booked segment shows its booking's whole interval, as the spec's example does (a
 * booking ending at 02:00 after a window ending at 01:00), so the first and last segments may
 * reach outside the window; every other segment lies inside it. A stock's segments are clipped
 * to the window and list the bookings sharing it.
 */
function segmentView(equipment: Equipment, segment: Segment, timeZone: string) {
  const at = (instant: number) => formatWithOffset(instant, timeZone);
  if (equipment.kind === 'unit') {
    const booking = segment.status === 'booked' ? segment.allocations[0] : undefined;
    if (booking) {
      return {
        start_time: at(Math.min(booking.start, segment.start)),
        end_time: at(Math.max(booking.end, segment.end)),
        status: segment.status,
        event_id: booking.eventId,
        booking_id: bookingIdOf(booking),
      };
    }
    return { start_time: at(segment.start), end_time: at(segment.end), status: segment.status };
  }
  const events = new Set(segment.allocations.map((allocation) => allocation.eventId));
  return {
    start_time: at(segment.start),
    end_time: at(segment.end),
    status: segment.status,
    ...(segment.allocations.length > 0 && events.size === 1 ? { event_id: segment.allocations[0]!.eventId } : {}),
    available_quantity: segment.free,
    booked_quantity: segment.used,
    bookings: segment.allocations.map((allocation) => ({ booking_id: bookingIdOf(allocation), event_id: allocation.eventId, quantity: allocation.quantity })),
  };
}

/** The spec's fields first (id, name, category, subcategory, availability, specifications, maintenance), then ours. */
export function equipmentView(equipment: Equipment, segments: readonly Segment[], timeZone: string) {
  return {
    id: equipment.id,
    name: equipment.name,
    category: equipment.category,
    subcategory: equipment.subcategory,
    availability: segments.map((segment) => segmentView(equipment, segment, timeZone)),
    specifications: equipment.specifications,
    maintenance: { last_maintenance_date: equipment.lastMaintenanceDate, next_maintenance_date: equipment.nextMaintenanceDate },
    kind: equipment.kind,
    quantity_total: equipment.quantityTotal,
    required_certifications: equipment.requiredCertifications,
    daily_rate: equipment.dailyRate,
    status: equipment.status,
    created_at: equipment.createdAt,
    updated_at: equipment.updatedAt,
    retired_at: equipment.retiredAt,
  };
}

/** One item of GET /v1/equipment/availability: free and busy intervals, and what is free throughout. */
export function availabilityItemView(equipment: Equipment, segments: readonly Segment[], allocations: readonly Allocation[], context: TimelineContext) {
  const at = (instant: number) => formatWithOffset(instant, context.timeZone);
  const { window } = context;
  const busy: { start: number; end: number; view: Record<string, unknown> }[] = allocations
    .filter((allocation) => allocation.start < window.end && window.start < allocation.end)
    .map((allocation) => ({
      start: allocation.start,
      end: allocation.end,
      view: {
        start_time: at(allocation.start),
        end_time: at(allocation.end),
        status: 'booked',
        booking_id: bookingIdOf(allocation),
        event_id: allocation.eventId,
        quantity: allocation.quantity,
      },
    }));
  for (const period of maintenancePeriods(equipment, context.timeZone)) {
    const start = Math.max(period.start, window.start);
    const end = Math.min(period.end, window.end);
    if (start < end) busy.push({ start, end, view: { start_time: at(start), end_time: at(end), status: 'maintenance' } });
  }
  if (equipment.status === 'retired') busy.push({ start: window.start, end: window.end, view: { start_time: at(window.start), end_time: at(window.end), status: 'retired' } });
  busy.sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    id: equipment.id,
    name: equipment.name,
    category: equipment.category,
    subcategory: equipment.subcategory,
    kind: equipment.kind,
    status: equipment.status,
    total: equipment.quantityTotal,
    available: freeThroughout(segments),
    free: freeIntervals(segments).map((interval) => ({ start_time: at(interval.start), end_time: at(interval.end), quantity: interval.quantity })),
    busy: busy.map((entry) => entry.view),
  };
}

/**
 * Per subcategory, how much is free during the whole window out of how much exists: units count
 * one each, stocks their quantities ("12 of 40 available"). Retired items are not stock.
 */
export function availabilitySummary(items: readonly { equipment: Equipment; available: number }[]) {
  const groups = new Map<string, { category: string; subcategory: string; available: number; total: number }>();
  for (const { equipment, available } of items) {
    if (equipment.status === 'retired') continue;
    const key = `${equipment.category}#${equipment.subcategory}`;
    const group = groups.get(key) ?? { category: equipment.category, subcategory: equipment.subcategory, available: 0, total: 0 };
    group.available += available;
    group.total += equipment.quantityTotal;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.category.localeCompare(b.category) || a.subcategory.localeCompare(b.subcategory));
}

export function bookingView(booking: EquipmentBooking) {
  return {
    booking_id: booking.id,
    equipment_id: booking.equipmentId,
    event_id: booking.eventId,
    shift_id: booking.shiftId,
    technician_id: booking.technicianId,
    start_time: booking.startAt,
    end_time: booking.endAt,
    quantity: booking.quantity,
    status: booking.status,
    created_at: booking.createdAt,
    created_by: booking.createdBy,
    cancelled_at: booking.cancelledAt,
    cancelled_by: booking.cancelledBy,
  };
}

/** The spec's 201 body of POST /equipment/book, field for field. */
export function bookedView(booking: EquipmentBooking, warnings: readonly BookingWarning[]) {
  return { booking_id: booking.id, equipment_id: booking.equipmentId, status: booking.status, conflicts: [], warnings };
}
