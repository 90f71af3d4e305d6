import { endpoint } from '../../shared/http/endpoint.ts';
import { eventIdParams, updateEventBody } from '../../shared/schemas/eventlite.ts';
import { applyEventPatch } from '../../shared/domain/event.ts';
import { assertEventAllowed } from '../../shared/domain/event-policy.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { findEventByIdOrSlug } from '../../shared/store/event-lookup.ts';
import { replaceEvent } from '../../shared/store/events.ts';
import { eventView } from '../../shared/views/eventlite.ts';

const ATTEMPTS = 3;

export const handler = endpoint({ surface: 'eventlite', params: eventIdParams, body: updateEventBody }, async ({ params, body, principal }) => {
  // Read, apply, write if unchanged: a concurrent edit makes the write fail and we start over.
  for (let attempt = 1; ; attempt++) {
    const current = await findEventByIdOrSlug(principal.organizationId, params.id, true);
    assertEventAllowed(principal, 'change', 'eventlite', current);
    const next = applyEventPatch(current, body, new Date());
    try {
      await replaceEvent(next, current.version);
      return { statusCode: 200, body: { data: eventView(next) } };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'CONCURRENT_UPDATE') || attempt >= ATTEMPTS) throw error;
    }
  }
});
