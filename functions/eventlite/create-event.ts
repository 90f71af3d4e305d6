import { randomUUID } from 'node:crypto';
import { endpoint } from '../../shared/http/endpoint.ts';
import { createEventBody } from '../../shared/schemas/eventlite.ts';
import { createEvent } from '../../shared/domain/event.ts';
import { assertEventAllowed } from '../../shared/domain/event-policy.ts';
import { slugify } from '../../shared/domain/slug.ts';
import { insertEvent } from '../../shared/store/events.ts';
import { eventView } from '../../shared/views/eventlite.ts';

export const handler = endpoint({ surface: 'eventlite', body: createEventBody }, async ({ body, principal }) => {
  assertEventAllowed(principal, 'create', 'eventlite');
  const id = randomUUID();
  const now = new Date();
  const event = await insertEvent(
    (slug) => createEvent(body, { id, organizationId: principal.organizationId, organizerId: principal.userId, slug }, now),
    slugify(body.title),
  );
  return { statusCode: 201, body: { data: eventView(event) } };
});
