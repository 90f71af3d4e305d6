import { endpoint } from '../../shared/http/endpoint.ts';
import { createEventBody } from '../../shared/schemas/eventlite.ts';
import { createEventLite } from '../../shared/app/events/create-event.ts';
import { eventView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite', body: createEventBody }, async ({ body, principal }) => {
  const event = await createEventLite(principal, body);
  return { statusCode: 201, body: { data: eventView(event) } };
});
