import { endpoint } from '../../shared/http/endpoint.ts';
import { eventIdParams } from '../../shared/schemas/eventlite.ts';
import { findEventByIdOrSlug } from '../../shared/store/event-lookup.ts';
import { getUser } from '../../shared/store/identity.ts';
import { eventDetailView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite', params: eventIdParams }, async ({ params, principal }) => {
  const event = await findEventByIdOrSlug(principal.organizationId, params.id);
  const organizer = await getUser(event.organizerId);
  return { statusCode: 200, body: { data: eventDetailView(event, organizer) } };
});
