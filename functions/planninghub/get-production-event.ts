import { endpoint } from '../../shared/http/endpoint.ts';
import { NOTHING_PLANNED } from '../../shared/domain/production.ts';
import { getProductionEventUseCase } from '../../shared/app/events/get-production-event.ts';
import { productionEventIdParams } from '../../shared/schemas/planninghub-event-params.ts';
import { productionEventDetailView } from '../../shared/views/planninghub-events.ts';

export const handler = endpoint({ surface: 'planninghub', params: productionEventIdParams }, async ({ params, principal, scope }) => {
  const event = await getProductionEventUseCase(principal, params.id);
  // Crew, riders and rehearsals have no repository yet: every step is still pending.
  return { statusCode: 200, body: productionEventDetailView(event, NOTHING_PLANNED, scope.lang) };
});
