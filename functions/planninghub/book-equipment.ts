import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { normaliseEventId } from '../../shared/domain/production.ts';
import { bookingInterval } from '../../shared/domain/equipment.ts';
import { bookEquipmentBody } from '../../shared/schemas/equipment-booking.ts';
import { bookedView } from '../../shared/views/equipment.ts';
import { bookEquipment } from '../../shared/app/equipment/book-equipment.ts';
import { recordMetric } from '../../shared/observability/metrics.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, body: bookEquipmentBody }, async ({ body, principal, scope }) => {
  const interval = bookingInterval(body.start_time, body.end_time);
  const eventId = normaliseEventId(body.event_id);
  if (scope.eventId !== undefined && normaliseEventId(scope.eventId) !== eventId) {
    throw DomainError.of('invalid', 'VALIDATION_ERROR.event_id_header', { details: [{ field: 'event_id', message: 'differs from X-Event-ID' }] });
  }
  const { booking, warnings } = await bookEquipment(
    { organizationId: principal.organizationId, userId: principal.userId, lang: scope.lang },
    { equipmentId: body.equipment_id, eventId, interval, quantity: body.quantity ?? 1, shiftId: body.shift_id ?? null, technicianId: body.technician_id ?? null },
  );
  recordMetric('Bookings');
  return {
    statusCode: 201,
    headers: { Location: `/v1/equipment/bookings/${booking.id}` },
    body: bookedView(booking, warnings),
  };
});
