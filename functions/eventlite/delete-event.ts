import { endpoint } from '../../shared/http/endpoint.ts';
import { eventIdParams } from '../../shared/schemas/eventlite.ts';
import { eventHasActiveAllocations } from '../../shared/domain/event.ts';
import { assertEventAllowed } from '../../shared/domain/event-policy.ts';
import { findEventByIdOrSlug } from '../../shared/store/event-lookup.ts';
import { deleteEvent } from '../../shared/store/events.ts';

export const handler = endpoint({ surface: 'eventlite', params: eventIdParams }, async ({ params, principal, scope }) => {
  // A deletion that crashed half way is found again, so that this one finishes it.
  const event = await findEventByIdOrSlug(principal.organizationId, params.id, true, { includeDeleting: true });
  assertEventAllowed(principal, 'delete', 'eventlite', event);
  const outcome = await deleteEvent(event, new Date());
  if (!outcome.deleted) throw eventHasActiveAllocations(outcome.holds);
  scope.log.info('event deleted', { eventId: event.id, children: outcome.children });
  return { statusCode: 200, body: { message: 'Event deleted successfully' } };
});
