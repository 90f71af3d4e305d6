import { endpoint } from '../../shared/http/endpoint.ts';
import { bookingNotFound } from '../../shared/domain/equipment.ts';
import { getBooking } from '../../shared/store/equipment.ts';
import { bookingIdParams } from '../../shared/schemas/equipment.ts';
import { bookingView } from '../../shared/views/equipment.ts';

export const handler = endpoint({ surface: 'planninghub', params: bookingIdParams }, async ({ params, principal }) => {
  const booking = await getBooking(principal.organizationId, params.booking_id);
  if (!booking) throw bookingNotFound();
  return { statusCode: 200, body: bookingView(booking) };
});
