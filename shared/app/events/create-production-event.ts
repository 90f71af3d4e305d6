import { randomUUID } from 'node:crypto';
import type { Event } from '../../domain/event.ts';
import { assertEventAllowed } from '../../domain/event-policy.ts';
import { createProductionEvent, type NewProductionInput } from '../../domain/production.ts';
import { slugify } from '../../domain/slug.ts';
import { insertEvent } from '../../store/events.ts';
import { eventChangeRecord } from './event-outbox.ts';
import type { Actor } from '../actor.ts';

/** POST /v1/events: the same event item as EventLite's, created from the production view. */
export async function createProductionEventUseCase(actor: Actor, input: NewProductionInput, now = new Date()): Promise<Event> {
  assertEventAllowed(actor, 'create', 'planninghub');
  const id = randomUUID();
  return insertEvent(
    (slug) => createProductionEvent(input, { id, organizationId: actor.organizationId, organizerId: actor.userId, slug }, now),
    slugify(input.name),
    (event) => eventChangeRecord(null, event, now),
  );
}
