import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { cancelEquipmentBooking } from '../../shared/app/equipment/cancel-equipment-booking.ts';
import { bookingIdParams } from '../../shared/schemas/equipment-params.ts';
import { bookingView } from '../../shared/views/equipment.ts';

// DELETE is idempotent: cancelling a cancelled booking answers the same 200 with the booking as it is.
export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: bookingIdParams }, async ({ params, principal }) => {
  const booking = await cancelEquipmentBooking(principal.organizationId, params.booking_id, principal.userId, new Date());
  return { statusCode: 200, body: bookingView(booking) };
});
