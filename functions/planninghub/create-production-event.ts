import { randomUUID } from 'node:crypto';
import { endpoint } from '../../shared/http/endpoint.ts';
import { assertEventAllowed } from '../../shared/domain/event-policy.ts';
import { createProductionEvent, NOTHING_PLANNED } from '../../shared/domain/production.ts';
import { slugify } from '../../shared/domain/slug.ts';
import { insertEvent } from '../../shared/store/events.ts';
import { createProductionEventBody, toNewProductionInput } from '../../shared/schemas/planninghub-events.ts';
import { createdProductionEventView } from '../../shared/views/planninghub-events.ts';

export const handler = endpoint({ surface: 'planninghub', body: createProductionEventBody }, async ({ body, principal, scope }) => {
  assertEventAllowed(principal, 'create', 'planninghub');
  const id = randomUUID();
  const input = toNewProductionInput(body);
  const event = await insertEvent(
    (slug) => createProductionEvent(input, { id, organizationId: principal.organizationId, organizerId: principal.userId, slug }, new Date()),
    slugify(input.name),
  );
  // A new event has no crew, riders or shifts yet.
  return {
    statusCode: 201,
    headers: { Location: `/v1/events/${event.id}` },
    body: createdProductionEventView(event, NOTHING_PLANNED, scope.lang),
  };
});
