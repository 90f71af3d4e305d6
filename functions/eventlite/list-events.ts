import { endpoint } from '../../shared/http/endpoint.ts';
import { listEventsQuery } from '../../shared/schemas/eventlite-queries.ts';
import { listEventLite } from '../../shared/app/events/list-events.ts';
import { eventListItemView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite', query: listEventsQuery }, async ({ query, principal }) => {
  const { events, total } = await listEventLite(principal, query);
  return {
    statusCode: 200,
    body: {
      data: events.map(eventListItemView),
      pagination: { total, limit: query.limit, offset: query.offset, has_more: query.offset + events.length < total },
    },
  };
});
