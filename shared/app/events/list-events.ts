import type { EventStatus } from '../../domain/event.ts';
import { listEvents, type EventPage } from '../../store/events.ts';
import type { Actor } from '../actor.ts';

/** GET /api/v1/events: the organisation's events, by offset. */
export function listEventLite(actor: Actor, query: { status?: EventStatus; limit: number; offset: number }): Promise<EventPage> {
  return listEvents(actor.organizationId, query);
}
