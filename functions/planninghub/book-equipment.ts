import { randomBytes } from 'node:crypto';
import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { normaliseEventId, productionEventNotFound } from '../../shared/domain/production.ts';
import { assessBooking, bookingInterval, equipmentNotFound, resourceConflict, type EquipmentBooking } from '../../shared/domain/equipment.ts';
import { getEvent } from '../../shared/store/events.ts';
import { getMembership } from '../../shared/store/identity.ts';
import { getTechnicianProfile } from '../../shared/store/technicians.ts';
import { bookEquipment, getEquipment } from '../../shared/store/equipment.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { bookEquipmentBody } from '../../shared/schemas/equipment.ts';
import { bookedView } from '../../shared/views/equipment.ts';

const technicianNotFound = () => new DomainError('not_found', 'NOT_FOUND', { fr: 'Technicien introuvable', en: 'Technician not found' });

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, body: bookEquipmentBody }, async ({ body, principal, scope }) => {
  const organizationId = principal.organizationId;
  const interval = bookingInterval(body.start_time, body.end_time);
  const eventId = normaliseEventId(body.event_id);
  if (scope.eventId !== undefined && normaliseEventId(scope.eventId) !== eventId) {
    throw new DomainError('invalid', 'VALIDATION_ERROR', { fr: 'event_id differe de X-Event-ID', en: 'event_id differs from X-Event-ID' }, [
      { field: 'event_id', message: 'differs from X-Event-ID' },
    ]);
  }
  const technicianId = body.technician_id ?? null;
  const [timeZone, membership, profile] = await Promise.all([
    getOrganizationTimeZone(organizationId),
    technicianId === null ? null : getMembership(organizationId, technicianId),
    technicianId === null ? null : getTechnicianProfile(organizationId, technicianId),
  ]);
  if (technicianId !== null && !membership) throw technicianNotFound();
  const technician = technicianId === null ? undefined : { id: technicianId, profile };

  const bookingId = `booking_${randomBytes(8).toString('hex')}`;
  const createdAt = new Date().toISOString();
  // Judged again at every attempt: the item or the event may have changed since the last one.
  const result = await bookEquipment(organizationId, async () => {
    const [equipment, event] = await Promise.all([getEquipment(organizationId, body.equipment_id, true), getEvent(organizationId, eventId, true)]);
    if (!equipment) throw equipmentNotFound();
    if (!event) throw productionEventNotFound();
    if (event.status === 'CANCELLED') {
      throw new DomainError('conflict', 'EVENT_CANCELLED', { fr: 'Evenement annule : rien ne peut y etre reserve', en: 'The event is cancelled: nothing can be booked for it' });
    }
    const quantity = body.quantity ?? 1;
    const warnings = assessBooking(equipment, { interval, quantity }, { timeZone, lang: scope.lang, technician });
    const booking: EquipmentBooking = {
      id: bookingId,
      organizationId,
      equipmentId: equipment.id,
      eventId: event.id,
      shiftId: body.shift_id ?? null,
      technicianId,
      startAt: new Date(interval.start).toISOString(),
      endAt: new Date(interval.end).toISOString(),
      quantity,
      status: 'confirmed',
      createdAt,
      createdBy: principal.userId,
      cancelledAt: null,
      cancelledBy: null,
    };
    return { equipment, booking, extra: warnings };
  });
  if (!result.ok) throw resourceConflict(result.plan.equipment, result.conflict.conflict);
  return {
    statusCode: 201,
    headers: { Location: `/v1/equipment/bookings/${bookingId}` },
    body: bookedView(result.plan.booking, result.plan.extra),
  };
});
