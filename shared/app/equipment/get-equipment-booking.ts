/** GET /v1/equipment/bookings/{id}: one booking of the caller's organisation. */
import { getBooking } from '../../store/equipment.ts';
import { bookingNotFound, type EquipmentBooking } from '../../domain/equipment.ts';
import type { Actor } from '../actor.ts';

export async function getEquipmentBooking(actor: Actor, bookingId: string): Promise<EquipmentBooking> {
  const booking = await getBooking(actor.organizationId, bookingId);
  if (!booking) throw bookingNotFound();
  return booking;
}
