import { endpoint } from '../../shared/http/endpoint.ts';
import { getEquipmentBooking } from '../../shared/app/equipment/get-equipment-booking.ts';
import { bookingIdParams } from '../../shared/schemas/equipment-params.ts';
import { bookingView } from '../../shared/views/equipment.ts';

export const handler = endpoint({ surface: 'planninghub', params: bookingIdParams }, async ({ params, principal }) => {
  return { statusCode: 200, body: bookingView(await getEquipmentBooking(principal, params.booking_id)) };
});
