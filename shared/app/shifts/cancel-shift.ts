/**
 * Cancelling a shift frees everything it holds at once; its amount leaves its budget line and its
 * hold leaves the event. With `expectedVersion`, only that version is cancelled (412 otherwise);
 * cancelling a cancelled shift returns it as it is.
 */
import { getEvent } from '../../store/events.ts';
import { busy } from '../../store/allocations.ts';
import { getShift, writeShiftCancellation } from '../../store/shifts.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import { shiftNotFound, staleVersion, type EventWithConsumption, type Shift } from '../../domain/shift.ts';
import { getOrganizationTimeZone } from '../../store/identity.ts';
import { newOutboxId, outboxPut } from '../../store/outbox.ts';
import { shiftLifecycle } from '../../domain/event-payloads.ts';
import type { ShiftCaller } from './world.ts';

export async function cancelShift(caller: ShiftCaller, shiftId: string, expectedVersion: number | undefined, now: Date): Promise<Shift> {
  const { organizationId } = caller;
  const [timeZone, outboxId] = [await getOrganizationTimeZone(organizationId), newOutboxId()];
  return withRetry<Shift>(async () => {
    const current = await getShift(organizationId, shiftId, true);
    if (!current) throw shiftNotFound();
    if (current.status === 'cancelled') return { done: current };
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw staleVersion(current.version, expectedVersion);
    // A deleting event still takes its holds back (a deletion that found holds the counter missed reopens it).
    const event = (await getEvent(organizationId, current.eventId, true, { includeDeleting: true })) as EventWithConsumption | null;
    const at = now.toISOString();
    const cancelled: Shift = { ...current, status: 'cancelled', version: current.version + 1, updatedAt: at, updatedBy: caller.userId, cancelledAt: at, cancelledBy: caller.userId };
    // Changed or cancelled meanwhile, or the event went: the next read says what to do.
    const outbox = outboxPut(shiftLifecycle('shift.cancelled', cancelled, { id: outboxId, at: now, timeZone }));
    return (await writeShiftCancellation(current, cancelled, event, [outbox])) ? { done: cancelled } : RETRY;
  }, busy);
}
