/**
 * Registering for an event, from the organiser's API or the public page: decide from a read
 * (admissionOf), commit with the same rule as conditions (insertRegistration), start over when
 * the event moved meanwhile. One live registration per normalised address and event.
 */
import { createHash, randomBytes } from 'node:crypto';
import { domainEvent } from '../../domain/domain-events.ts';
import { admissionOf, alreadyRegistered, newRegistration, normaliseEmail, registrationBusy, timeOrderedId, type NewRegistrationInput, type Registration, type RegistrationWithPosition } from '../../domain/registration.ts';
import { eventNotFound, type Event } from '../../domain/event.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import { getEvent } from '../../store/events.ts';
import { newOutboxId } from '../../store/outbox.ts';
import { getRegistration, insertRegistration, registrationIdByEmail, waitlistRank } from '../../store/registrations.ts';
import { promoteIntoFreePlaces, registrationEventData, WAITLIST_RETRY } from './waitlist.ts';

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export type RegistrationOutcome =
  | { kind: 'created'; registration: RegistrationWithPosition; token: string | null }
  | { kind: 'duplicate'; registrationId: string };

/**
 * `withToken`: the public page's registrations get a private-page token (returned once, stored
 * as a hash) and a CSRF value for the page's cancel form.
 */
export async function register(event: Event, input: NewRegistrationInput, withToken: boolean): Promise<RegistrationOutcome> {
  const { organizationId, id: eventId } = event;
  let current: Event | null = event;
  let repaired = false;
  // After a mere conflict the event read is still the one to judge by: no re-read.
  let stale = false;
  // Every registration this call has tried to write, with its token. An attempt whose outcome was
  // lost (the SDK retried a committed transaction and its own write refused the retry; or a
  // conflict or timeout reported for a write that landed after all) is found again through the
  // address's marker and answered as created, never as a duplicate of itself.
  const attempted = new Map<string, string | null>();
  return withRetry<RegistrationOutcome>(
    async () => {
      if (stale) current = await getEvent(organizationId, eventId, true);
      stale = true;
      if (!current) throw eventNotFound();
      const admission = admissionOf(current);
      if (admission === 'waitlist' && !repaired && current.capacity !== null && (current.confirmedCount ?? 0) < current.capacity) {
        // Places are free while people wait (a capacity raise whose promotion was interrupted): promote first.
        repaired = true;
        await promoteIntoFreePlaces(organizationId, eventId);
        return RETRY;
      }
      const now = new Date();
      const token = withToken ? randomBytes(32).toString('base64url') : null;
      const created = newRegistration(
        input,
        { id: timeOrderedId(now.getTime(), randomBytes(10)), organizationId, eventId, ...(withToken ? { csrf: randomBytes(18).toString('base64url') } : {}) },
        admission === 'confirm' ? 'CONFIRMED' : 'WAITLISTED',
        now,
      );
      const registration = token ? { ...created, tokenHash: tokenHashOf(token) } : created;
      const record = domainEvent('registration.created', organizationId, registrationEventData(registration), { id: newOutboxId(), at: now, eventId });
      attempted.set(registration.id, token);
      const outcome = await insertRegistration(registration, admission, registration.tokenHash ?? null, record);
      if (outcome.kind === 'duplicate') {
        const existing = await registrationIdByEmail(organizationId, eventId, normaliseEmail(input.email));
        if (existing && attempted.has(existing)) {
          // One of our own attempts committed: answer what was stored (its status may not be this attempt's).
          const stored = await getRegistration(organizationId, eventId, existing, true);
          if (stored) return { done: { kind: 'created', registration: await withPosition(stored), token: attempted.get(existing) ?? null } };
        }
        // Cancelled between the failed write and this read: the address is free again.
        return existing ? { done: { kind: 'duplicate', registrationId: existing } } : RETRY;
      }
      if (outcome.kind === 'conflict') stale = false;
      if (outcome.kind === 'retry' && outcome.event !== undefined) {
        // The refusal brought the event as it stood at commit: judge by it, no re-read.
        current = outcome.event;
        stale = false;
      }
      if (outcome.kind === 'retry' || outcome.kind === 'conflict') return RETRY;
      return { done: { kind: 'created', registration: await withPosition(registration), token } };
    },
    registrationBusy,
    WAITLIST_RETRY,
  );
}

export async function withPosition(registration: Registration): Promise<RegistrationWithPosition> {
  return {
    ...registration,
    waitlistPosition: registration.status === 'WAITLISTED' ? await waitlistRank(registration.organizationId, registration.eventId, registration.id) : null,
  };
}

/** The API's answer to a second registration of the same address. */
export const duplicateError = (registrationId: string) => alreadyRegistered(registrationId);
