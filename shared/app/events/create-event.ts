import { randomUUID } from 'node:crypto';
import { createEvent, type Event, type NewEventInput } from '../../domain/event.ts';
import { assertEventAllowed } from '../../domain/event-policy.ts';
import { slugify } from '../../domain/slug.ts';
import { insertEvent } from '../../store/events.ts';
import { eventChangeRecord } from './event-outbox.ts';
import type { Actor } from '../actor.ts';

/** POST /api/v1/events: a planner creates an event; its slug is claimed in the same transaction. */
export async function createEventLite(actor: Actor, input: NewEventInput, now = new Date()): Promise<Event> {
  assertEventAllowed(actor, 'create', 'eventlite');
  const id = randomUUID();
  return insertEvent((slug) => createEvent(input, { id, organizationId: actor.organizationId, organizerId: actor.userId, slug }, now), slugify(input.title), (event) => eventChangeRecord(null, event, now));
}
