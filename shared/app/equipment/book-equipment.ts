/**
 * POST /v1/equipment/bookings: judged at every attempt against fresh reads (the item or the event
 * may have changed since the last one), then written with its allocation in one transaction
 * (allocate() with the store's bookingPlan).
 */
import { randomHex } from '../../random-hex.ts';
import { allocate } from '../../store/allocations.ts';
import { bookingPlan, BOOKING_ITEM_INDEX, getEquipment } from '../../store/equipment.ts';
import { getEvent } from '../../store/events.ts';
import { getMembership, getOrganizationTimeZone } from '../../store/identity.ts';
import { getTechnicianProfile } from '../../store/technicians.ts';
import { newOutboxId, outboxPut } from '../../store/outbox.ts';
import { bookingLifecycle } from '../../domain/event-payloads.ts';
import { DomainError } from '../../domain/errors.ts';
import { message } from '../../messages/catalogue.ts';
import { assertEventTakesHolds, type Interval } from '../../domain/allocation.ts';
import { productionEventNotFound } from '../../domain/production.ts';
import { assessBooking, equipmentNotFound, resourceConflict, type BookingWarning, type EquipmentBooking, type Language } from '../../domain/equipment.ts';

const technicianNotFound = () => new DomainError('not_found', 'NOT_FOUND', message('NOT_FOUND.booking_technician'));

export interface BookingRequest {
  equipmentId: string;
  eventId: string;
  interval: Interval;
  quantity: number;
  shiftId: string | null;
  technicianId: string | null;
}

export async function bookEquipment(
  caller: { organizationId: string; userId: string; lang: Language },
  request: BookingRequest,
): Promise<{ booking: EquipmentBooking; warnings: BookingWarning[] }> {
  const { organizationId } = caller;
  const { technicianId, interval } = request;
  const [timeZone, membership, profile] = await Promise.all([
    getOrganizationTimeZone(organizationId),
    technicianId === null ? null : getMembership(organizationId, technicianId),
    technicianId === null ? null : getTechnicianProfile(organizationId, technicianId),
  ]);
  if (technicianId !== null && !membership) throw technicianNotFound();
  const technician = technicianId === null ? undefined : { id: technicianId, profile };
  const bookingId = `booking_${randomHex(8)}`;
  const createdAt = new Date().toISOString();
  const outboxId = newOutboxId();

  const result = await allocate(
    organizationId,
    async () => {
      const [equipment, event] = await Promise.all([getEquipment(organizationId, request.equipmentId, true), getEvent(organizationId, request.eventId, true)]);
      if (!equipment) throw equipmentNotFound();
      if (!event) throw productionEventNotFound();
      assertEventTakesHolds(event, 'booking');
      const warnings = assessBooking(equipment, { interval, quantity: request.quantity }, { timeZone, lang: caller.lang, technician });
      const booking: EquipmentBooking = {
        id: bookingId,
        organizationId,
        equipmentId: equipment.id,
        eventId: event.id,
        shiftId: request.shiftId,
        technicianId,
        startAt: new Date(interval.start).toISOString(),
        endAt: new Date(interval.end).toISOString(),
        quantity: request.quantity,
        status: 'confirmed',
        createdAt,
        createdBy: caller.userId,
        cancelledAt: null,
        cancelledBy: null,
      };
      const plan = bookingPlan(equipment, booking);
      const booked = outboxPut(bookingLifecycle('equipment.booked', booking, { id: outboxId, at: new Date(createdAt), timeZone }));
      return { ...plan, items: [...plan.items, booked], equipment, booking, warnings };
    },
    {
      onItemRejected: (index) => {
        if (index === BOOKING_ITEM_INDEX) throw new Error('Booking id already taken');
        // The item or the event changed since they were read: plan again from fresh reads.
        return 'retry';
      },
    },
  );
  if (!result.ok) throw resourceConflict(result.plan.equipment, result.conflicts[0]!.conflict);
  return { booking: result.plan.booking, warnings: result.plan.warnings };
}
