/**
 * Cancelling a registration: a confirmed one hands its place to the head of the waitlist in the
 * same transaction (registration.cancelled and registration.promoted together), a waitlisted one
 * leaves the waitlist. The head is read, then its entry is a condition of the commit: two
 * simultaneous cancellations never promote the same person, the loser starts over with the next.
 */
import { domainEvent } from '../../domain/domain-events.ts';
import { cancelledExpiry, registrationBusy, registrationNotFound, type Registration } from '../../domain/registration.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import { getEvent } from '../../store/events.ts';
import { newOutboxId } from '../../store/outbox.ts';
import { cancelRegistrationItems, getRegistration, headOfWaitlist } from '../../store/registrations.ts';
import { registrationEventData, WAITLIST_RETRY } from './waitlist.ts';

export interface CancelOutcome {
  registration: Registration;
  /** Who got the place, if anyone. */
  promoted: Registration | null;
}

export function cancelRegistration(organizationId: string, eventId: string, registrationId: string): Promise<CancelOutcome> {
  return withRetry<CancelOutcome>(
    async () => {
      const registration = await getRegistration(organizationId, eventId, registrationId, true);
      if (!registration) throw registrationNotFound();
      // Cancelling twice answers the cancellation again (DELETE is idempotent).
      if (registration.status === 'CANCELLED') return { done: { registration, promoted: null } };
      let promote: Registration | null = null;
      if (registration.status === 'CONFIRMED') {
        const event = await getEvent(organizationId, eventId, true, { includeDeleting: true });
        if (event && event.status !== 'CANCELLED' && (event.waitlistCount ?? 0) > 0) {
          const [head] = await headOfWaitlist(organizationId, eventId, 1);
          if (head) {
            promote = await getRegistration(organizationId, eventId, head, true);
            if (promote?.status !== 'WAITLISTED') return RETRY;
          }
        }
      }
      const now = new Date();
      const cancelled: Registration = { ...registration, status: 'CANCELLED', cancelledAt: now.toISOString(), updatedAt: now.toISOString() };
      const promoted: Registration | null = promote ? { ...promote, status: 'CONFIRMED', promotedAt: now.toISOString(), updatedAt: now.toISOString() } : null;
      const events = [
        domainEvent('registration.cancelled', organizationId, registrationEventData(cancelled), { id: newOutboxId(), at: now, eventId }),
        ...(promoted ? [domainEvent('registration.promoted', organizationId, registrationEventData(promoted), { id: newOutboxId(), at: now, eventId })] : []),
      ];
      const outcome = await cancelRegistrationItems({
        registration,
        cancelledAt: now.toISOString(),
        expiresAt: cancelledExpiry(now),
        promote,
        ...(registration.tokenHash ? { tokenHash: registration.tokenHash } : {}),
        events,
      });
      if (outcome.kind !== 'done') return RETRY;
      return { done: { registration: cancelled, promoted } };
    },
    registrationBusy,
    WAITLIST_RETRY,
  );
}
