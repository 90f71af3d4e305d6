import { endpoint } from '../../shared/http/endpoint.ts';
import { eventIdParams } from '../../shared/schemas/eventlite-params.ts';
import { updateEventBody } from '../../shared/schemas/eventlite.ts';
import { updateEventLite } from '../../shared/app/events/update-event.ts';
import { eventView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite', params: eventIdParams, body: updateEventBody }, async ({ params, body, principal }) => {
  const event = await updateEventLite(principal, params.id, body);
  return { statusCode: 200, body: { data: eventView(event) } };
});
