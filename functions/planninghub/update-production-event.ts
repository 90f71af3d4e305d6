import { endpoint } from '../../shared/http/endpoint.ts';
import { NOTHING_PLANNED } from '../../shared/domain/production.ts';
import { updateProductionEventUseCase } from '../../shared/app/events/update-production-event.ts';
import { productionEventIdParams, toProductionPatch, updateProductionEventBody } from '../../shared/schemas/planninghub-events.ts';
import { productionEventDetailView } from '../../shared/views/planninghub-events.ts';

// The same policy as EventLite's PATCH and DELETE (event-policy.ts): admins, or the organiser while a planner.
export const handler = endpoint(
  { surface: 'planninghub', params: productionEventIdParams, body: updateProductionEventBody },
  async ({ params, body, principal, scope }) => {
    const event = await updateProductionEventUseCase(principal, params.id, toProductionPatch(body));
    return { statusCode: 200, body: productionEventDetailView(event, NOTHING_PLANNED, scope.lang) };
  },
);
