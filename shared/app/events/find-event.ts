import { isUuid } from '../../domain/slug.ts';
import { eventNotFound, type Event } from '../../domain/event.ts';
import { getEvent, getEventBySlug, type EventReadOptions } from '../../store/events.ts';

/** `{id}` in EventLite paths is the event's UUID or its slug; both stay inside the caller's organisation. */
const SLUG_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function findEventByIdOrSlug(organizationId: string, idOrSlug: string, consistent = false, options: EventReadOptions = {}): Promise<Event> {
  // Slugs are lower-case words joined by hyphens; UUIDs look like slugs, so they are tested first.
  // Anything else (e.g. PlanningHub ids such as `event_456`) is an id.
  const bySlug = !isUuid(idOrSlug) && SLUG_SHAPE.test(idOrSlug);
  const event = bySlug
    ? await getEventBySlug(organizationId, idOrSlug, consistent, options)
    : await getEvent(organizationId, isUuid(idOrSlug) ? idOrSlug.toLowerCase() : idOrSlug, consistent, options);
  if (!event) throw eventNotFound();
  return event;
}
