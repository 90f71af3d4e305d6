import type { Event } from '../../domain/event.ts';
import { getUser, type User } from '../../store/identity.ts';
import type { Actor } from '../actor.ts';
import { findEventByIdOrSlug } from './find-event.ts';

/**
 * GET /api/v1/events/{id}: the event by id or slug, with its organiser (when the account still
 * exists). The organiser's id is only known once the event is read; an EventLite key mostly
 * reads its own user's events, so the caller's account is read beside the event, and a second
 * round trip is only paid when someone else organises it (issue 14, "Fewest round trips";
 * docs/bench.md). Denormalising the organiser's name and address onto the event was rejected:
 * an account change would have to rewrite every event its owner organises.
 */
export async function getEventLite(actor: Actor, idOrSlug: string): Promise<{ event: Event; organizer: User | null }> {
  const [event, caller] = await Promise.all([findEventByIdOrSlug(actor.organizationId, idOrSlug), getUser(actor.userId)]);
  const organizer = event.organizerId === actor.userId ? caller : await getUser(event.organizerId);
  return { event, organizer };
}
