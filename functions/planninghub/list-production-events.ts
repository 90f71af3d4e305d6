import { endpoint } from '../../shared/http/endpoint.ts';
import { listProductionEventsUseCase } from '../../shared/app/events/list-production-events.ts';
import { listProductionEventsQuery } from '../../shared/schemas/planninghub-event-list.ts';
import { productionEventView } from '../../shared/views/planninghub-events.ts';

export const handler = endpoint({ surface: 'planninghub', query: listProductionEventsQuery }, async ({ query, principal }) => {
  const page = await listProductionEventsUseCase(principal, query);
  return {
    statusCode: 200,
    body: { count: page.events.length, results: page.events.map(productionEventView), next_cursor: page.nextCursor },
  };
});
