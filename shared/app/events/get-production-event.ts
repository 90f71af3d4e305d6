import type { Event } from '../../domain/event.ts';
import { normaliseEventId, productionEventNotFound } from '../../domain/production.ts';
import { getEvent } from '../../store/events.ts';
import type { Actor } from '../actor.ts';

/** GET /v1/events/{id}: by id only (slugs are EventLite's). */
export async function getProductionEventUseCase(actor: Actor, id: string): Promise<Event> {
  const event = await getEvent(actor.organizationId, normaliseEventId(id));
  if (!event) throw productionEventNotFound();
  return event;
}
