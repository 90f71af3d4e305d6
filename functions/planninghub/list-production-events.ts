import { endpoint } from '../../shared/http/endpoint.ts';
import { eventStatusOf, hasFilters, matchesProductionFilters, startIndexUpperBound } from '../../shared/domain/production.ts';
import { listEventPage } from '../../shared/store/events.ts';
import { listProductionEventsQuery } from '../../shared/schemas/planninghub-events.ts';
import { productionEventView } from '../../shared/views/planninghub-events.ts';

export const handler = endpoint({ surface: 'planninghub', query: listProductionEventsQuery }, async ({ query, principal }) => {
  const filters = { from: query.from, to: query.to, q: query.q };
  const page = await listEventPage(principal.organizationId, {
    status: query.status === undefined ? undefined : eventStatusOf(query.status),
    startsBefore: query.to === undefined ? undefined : startIndexUpperBound(query.to),
    limit: query.limit,
    cursor: query.cursor,
    accept: hasFilters(filters) ? (event) => matchesProductionFilters(event, filters) : undefined,
  });
  return {
    statusCode: 200,
    body: { count: page.events.length, results: page.events.map(productionEventView), next_cursor: page.nextCursor },
  };
});
