import { endpoint } from '../../shared/http/endpoint.ts';
import { eventIdParams } from '../../shared/schemas/eventlite-params.ts';
import { getEventLite } from '../../shared/app/events/get-event.ts';
import { eventDetailView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite', params: eventIdParams }, async ({ params, principal }) => {
  const { event, organizer } = await getEventLite(principal, params.id);
  return { statusCode: 200, body: { data: eventDetailView(event, organizer) } };
});
