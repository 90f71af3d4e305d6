import { endpoint } from '../../shared/http/endpoint.ts';
import { eventIdParams } from '../../shared/schemas/eventlite.ts';
import { assertOwner } from '../../shared/domain/event.ts';
import { findEventByIdOrSlug } from '../../shared/store/event-lookup.ts';
import { countActiveHoldsOfEvent, deleteEventAndChildren } from '../../shared/store/events.ts';
import { DomainError } from '../../shared/domain/errors.ts';

export const handler = endpoint({ surface: 'eventlite', params: eventIdParams }, async ({ params, principal, scope }) => {
  const event = await findEventByIdOrSlug(principal.organizationId, params.id, true);
  assertOwner(event, principal.userId);
  const holds = await countActiveHoldsOfEvent(principal.organizationId, event.id);
  if (holds.bookings + holds.shifts > 0) {
    throw new DomainError(
      'conflict',
      'EVENT_HAS_ACTIVE_ALLOCATIONS',
      `Conflict - Cancel the event's ${holds.shifts} shift(s) and ${holds.bookings} equipment booking(s) first`,
      { shifts: holds.shifts, bookings: holds.bookings },
    );
  }
  const { children } = await deleteEventAndChildren(event);
  scope.log.info('event deleted', { eventId: event.id, children });
  return { statusCode: 200, body: { message: 'Event deleted successfully' } };
});
