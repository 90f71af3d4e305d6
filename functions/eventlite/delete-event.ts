import { endpoint } from '../../shared/http/endpoint.ts';
import { eventIdParams } from '../../shared/schemas/eventlite-params.ts';
import { deleteEventLite } from '../../shared/app/events/delete-event.ts';

export const handler = endpoint({ surface: 'eventlite', params: eventIdParams }, async ({ params, principal, scope }) => {
  const { event, children } = await deleteEventLite(principal, params.id);
  scope.log.info('event deleted', { eventId: event.id, children });
  return { statusCode: 200, body: { message: 'Event deleted successfully' } };
});
