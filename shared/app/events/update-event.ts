import { applyEventPatch, type Event, type EventPatch } from '../../domain/event.ts';
import { assertEventAllowed } from '../../domain/event-policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import { concurrentUpdate, replaceEvent } from '../../store/events.ts';
import { eventChangeRecord } from './event-outbox.ts';
import type { Actor } from '../actor.ts';
import { findEventByIdOrSlug } from './find-event.ts';

const isConcurrentUpdate = (error: unknown) => error instanceof DomainError && error.code === 'CONCURRENT_UPDATE';

/**
 * Read, judge, write if unchanged: the write is conditioned on the version read, and a concurrent
 * edit (from either surface) cancels it and we start over from a fresh read. Shared by both
 * surfaces' PATCH, each with its own way of finding the event and applying its patch.
 */
export function editEvent(find: () => Promise<Event>, actor: Actor, surface: 'eventlite' | 'planninghub', apply: (current: Event, now: Date) => Event): Promise<Event> {
  return withRetry(async () => {
    const current = await find();
    assertEventAllowed(actor, 'change', surface, current);
    const now = new Date();
    const next = apply(current, now);
    try {
      await replaceEvent(next, current.version, eventChangeRecord(current, next, now));
      return { done: next };
    } catch (error) {
      if (!isConcurrentUpdate(error)) throw error;
      return RETRY;
    }
  }, concurrentUpdate);
}

/** PATCH /api/v1/events/{id}. */
export function updateEventLite(actor: Actor, idOrSlug: string, patch: EventPatch): Promise<Event> {
  return editEvent(() => findEventByIdOrSlug(actor.organizationId, idOrSlug, true), actor, 'eventlite', (current, now) => applyEventPatch(current, patch, now));
}
