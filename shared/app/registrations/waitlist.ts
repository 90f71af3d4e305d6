/**
 * Promotion of the waitlist into free places: after a capacity raise (or a change to unlimited),
 * and as a repair whenever a writer finds places free while people wait. Each round promotes the
 * head of the waitlist in one transaction conditioned on the counters it read.
 */
import { domainEvent } from '../../domain/domain-events.ts';
import { placesToPromote, registrationBusy, type Registration } from '../../domain/registration.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import type { Event } from '../../domain/event.ts';
import { getEvent } from '../../store/events.ts';
import { newOutboxId } from '../../store/outbox.ts';
import { getRegistration, headOfWaitlist, promoteRegistrations } from '../../store/registrations.ts';

/** 1 event update + 2 items per promotion + 1 outbox record each: within the 100 items of a transaction. */
const PROMOTIONS_PER_TRANSACTION = 25;

export const registrationEventData = (registration: Registration, extra: Record<string, unknown> = {}) => ({
  registrationId: registration.id,
  eventId: registration.eventId,
  status: registration.status,
  ...extra,
});

/** Promotes as many waitlisted registrations as the event now has places for; returns them. */
export async function promoteIntoFreePlaces(organizationId: string, eventId: string): Promise<Registration[]> {
  const promoted: Registration[] = [];
  for (;;) {
    const round = await withRetry(
      async () => {
        const event = await getEvent(organizationId, eventId, true);
        if (!event) return { done: [] as Registration[] };
        const places = Math.min(placesToPromote(event), PROMOTIONS_PER_TRANSACTION);
        if (places === 0) return { done: [] as Registration[] };
        const ids = await headOfWaitlist(organizationId, eventId, places);
        const registrations = (await Promise.all(ids.map((id) => getRegistration(organizationId, eventId, id, true)))).filter(
          (registration): registration is Registration => registration?.status === 'WAITLISTED',
        );
        if (registrations.length !== ids.length || registrations.length === 0) return RETRY;
        const now = new Date();
        const events = registrations.map((registration) =>
          domainEvent('registration.promoted', organizationId, registrationEventData({ ...registration, status: 'CONFIRMED' }), { id: newOutboxId(), at: now, eventId }),
        );
        const outcome = await promoteRegistrations(counters(event), registrations, now.toISOString(), events);
        if (outcome.kind !== 'done') return RETRY;
        return { done: registrations.map((registration) => ({ ...registration, status: 'CONFIRMED' as const, promotedAt: now.toISOString() })) };
      },
      registrationBusy,
      WAITLIST_RETRY,
    );
    if (round.length === 0) return promoted;
    promoted.push(...round);
  }
}

const counters = (event: Event) => ({
  organizationId: event.organizationId,
  id: event.id,
  confirmedCount: event.confirmedCount ?? 0,
  waitlistCount: event.waitlistCount ?? 0,
});

/**
 * Hundreds of people may register at the same second on one event: every attempt that loses a
 * race means another one committed, so a longer bound than the default keeps the burst whole
 * (docs/registrations.md, "Races").
 */
export const WAITLIST_RETRY = { maxAttempts: 40, baseDelayMs: 10, maxDelayMs: 250 } as const;
