import { eventHasActiveAllocations, type Event } from '../../domain/event.ts';
import { assertEventAllowed } from '../../domain/event-policy.ts';
import { deleteEvent } from '../../store/events.ts';
import type { Actor } from '../actor.ts';
import { findEventByIdOrSlug } from './find-event.ts';
import { deleteDocumentsOfEvent } from '../documents/delete-document.ts';

/**
 * DELETE /api/v1/events/{id}: refused while bookings or shifts still hold resources for the event.
 * The event's documents go with it: tombstoned, their objects deleted (docs/documents.md).
 */
export async function deleteEventLite(actor: Actor, idOrSlug: string, now = new Date()): Promise<{ event: Event; children: number }> {
  // A deletion that crashed half way is found again, so that this one finishes it.
  const event = await findEventByIdOrSlug(actor.organizationId, idOrSlug, true, { includeDeleting: true });
  assertEventAllowed(actor, 'delete', 'eventlite', event);
  const outcome = await deleteEvent(event, now, { beforeChildren: () => deleteDocumentsOfEvent(event.organizationId, event.id, now) });
  if (!outcome.deleted) throw eventHasActiveAllocations(outcome.holds);
  return { event, children: outcome.children };
}
