import { isUuid } from '../domain/slug.ts';
import { eventNotFound, type Event } from '../domain/event.ts';
import { getEvent, getEventBySlug } from './events.ts';

/** `{id}` in EventLite paths is the event's UUID or its slug; both stay inside the caller's organisation. */
const SLUG_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function findEventByIdOrSlug(organizationId: string, idOrSlug: string, consistent = false): Promise<Event> {
  // Slugs are lower-case words joined by hyphens; UUIDs look like slugs, so they are tested first.
  // Anything else (e.g. PlanningHub ids such as `event_456`) is an id.
  const bySlug = !isUuid(idOrSlug) && SLUG_SHAPE.test(idOrSlug);
  const event = bySlug
    ? await getEventBySlug(organizationId, idOrSlug, consistent)
    : await getEvent(organizationId, isUuid(idOrSlug) ? idOrSlug.toLowerCase() : idOrSlug, consistent);
  if (!event) throw eventNotFound();
  return event;
}
