import { endpoint } from '../../shared/http/endpoint.ts';
import { NOTHING_PLANNED } from '../../shared/domain/production.ts';
import { createProductionEventUseCase } from '../../shared/app/events/create-production-event.ts';
import { createProductionEventBody, toNewProductionInput } from '../../shared/schemas/planninghub-events.ts';
import { createdProductionEventView } from '../../shared/views/planninghub-events.ts';

export const handler = endpoint({ surface: 'planninghub', body: createProductionEventBody }, async ({ body, principal, scope }) => {
  const event = await createProductionEventUseCase(principal, toNewProductionInput(body));
  // A new event has no crew, riders or shifts yet.
  return {
    statusCode: 201,
    headers: { Location: `/v1/events/${event.id}` },
    body: createdProductionEventView(event, NOTHING_PLANNED, scope.lang),
  };
});
