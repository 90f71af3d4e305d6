import type { Event } from '../../domain/event.ts';
import { getUser, type User } from '../../store/identity.ts';
import type { Actor } from '../actor.ts';
import { findEventByIdOrSlug } from './find-event.ts';

/** GET /api/v1/events/{id}: the event by id or slug, with its organiser (when the account still exists). */
export async function getEventLite(actor: Actor, idOrSlug: string): Promise<{ event: Event; organizer: User | null }> {
  const event = await findEventByIdOrSlug(actor.organizationId, idOrSlug);
  const organizer = await getUser(event.organizerId);
  return { event, organizer };
}
