import { endpoint } from '../../shared/http/endpoint.ts';
import { eventIdParams } from '../../shared/schemas/eventlite.ts';
import { assertOwner } from '../../shared/domain/event.ts';
import { findEventByIdOrSlug } from '../../shared/store/event-lookup.ts';
import { deleteEventAndChildren } from '../../shared/store/events.ts';

export const handler = endpoint({ surface: 'eventlite', params: eventIdParams }, async ({ params, principal, scope }) => {
  const event = await findEventByIdOrSlug(principal.organizationId, params.id, true);
  assertOwner(event, principal.userId);
  const { children } = await deleteEventAndChildren(event);
  scope.log.info('event deleted', { eventId: event.id, children });
  return { statusCode: 200, body: { message: 'Event deleted successfully' } };
});
