import { applyEventPatch, type Event, type EventPatch } from '../../domain/event.ts';
import { assertEventAllowed } from '../../domain/event-policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import { concurrentUpdate, replaceEvent } from '../../store/events.ts';
import { eventChangeRecord } from './event-outbox.ts';
import type { Actor } from '../actor.ts';
import { findEventByIdOrSlug } from './find-event.ts';
import { promoteIntoFreePlaces } from '../registrations/waitlist.ts';

const isConcurrentUpdate = (error: unknown) => error instanceof DomainError && error.code === 'CONCURRENT_UPDATE';

/**
 * Read, judge, write if unchanged: the write is conditioned on the version read, and a concurrent
 * edit (from either surface) cancels it and we start over from a fresh read. Shared by both
 * surfaces' PATCH, each with its own way of finding the event and applying its patch.
 */
export async function editEvent(find: () => Promise<Event>, actor: Actor, surface: 'eventlite' | 'planninghub', apply: (current: Event, now: Date) => Event): Promise<Event> {
  let previousCapacity: number | null = null;
  const next = await withRetry(async () => {
    const current = await find();
    assertEventAllowed(actor, 'change', surface, current);
    const now = new Date();
    const next = apply(current, now);
    try {
      await replaceEvent(next, current, eventChangeRecord(current, next, now));
      previousCapacity = current.capacity;
      return { done: next };
    } catch (error) {
      if (!isConcurrentUpdate(error)) throw error;
      return RETRY;
    }
  }, concurrentUpdate);
  // More places (or unlimited ones): the waitlist moves up now, in arrival order.
  const raised = next.capacity === null ? previousCapacity !== null : previousCapacity !== null && next.capacity > previousCapacity;
  if (raised) {
    const promoted = await promoteIntoFreePlaces(next.organizationId, next.id);
    return { ...next, confirmedCount: (next.confirmedCount ?? 0) + promoted.length, waitlistCount: (next.waitlistCount ?? 0) - promoted.length };
  }
  return next;
}

/** PATCH /api/v1/events/{id}. */
export function updateEventLite(actor: Actor, idOrSlug: string, patch: EventPatch): Promise<Event> {
  return editEvent(() => findEventByIdOrSlug(actor.organizationId, idOrSlug, true), actor, 'eventlite', (current, now) => applyEventPatch(current, patch, now));
}
