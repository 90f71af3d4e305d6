/**
 * DELETE /v1/equipment/bookings/{id}: cancels a confirmed booking and frees its slot at once.
 * Cancelling a cancelled booking returns it unchanged.
 */
import { concurrentEquipmentUpdate, getBooking, writeBookingCancellation } from '../../store/equipment.ts';
import { getEvent } from '../../store/events.ts';
import { getOrganizationTimeZone } from '../../store/identity.ts';
import { newOutboxId, outboxPut } from '../../store/outbox.ts';
import { bookingLifecycle } from '../../domain/event-payloads.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import { bookingNotFound, type EquipmentBooking } from '../../domain/equipment.ts';

export async function cancelEquipmentBooking(organizationId: string, bookingId: string, by: string, now: Date): Promise<EquipmentBooking> {
  const [timeZone, outboxId] = [await getOrganizationTimeZone(organizationId), newOutboxId()];
  return withRetry<EquipmentBooking>(async () => {
    const booking = await getBooking(organizationId, bookingId, true);
    if (!booking) throw bookingNotFound();
    if (booking.status === 'cancelled') return { done: booking };
    const event = await getEvent(organizationId, booking.eventId, true, { includeDeleting: true });
    const cancelledAt = now.toISOString();
    const cancelled: EquipmentBooking = { ...booking, status: 'cancelled', cancelledAt, cancelledBy: by };
    const outbox = outboxPut(bookingLifecycle('equipment.booking.cancelled', cancelled, { id: outboxId, at: now, timeZone }));
    // Cancelled concurrently: the next read returns it as it is now.
    return (await writeBookingCancellation(booking, by, cancelledAt, event !== null, [outbox])) ? { done: cancelled } : RETRY;
  }, concurrentEquipmentUpdate);
}
