import { endpoint } from '../../shared/http/endpoint.ts';
import { assertEventAllowed } from '../../shared/domain/event-policy.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { applyProductionPatch, NOTHING_PLANNED, normaliseEventId, productionEventNotFound } from '../../shared/domain/production.ts';
import { getEvent, replaceEvent } from '../../shared/store/events.ts';
import { productionEventIdParams, toProductionPatch, updateProductionEventBody } from '../../shared/schemas/planninghub-events.ts';
import { productionEventDetailView } from '../../shared/views/planninghub-events.ts';

const ATTEMPTS = 3;

// The same policy as EventLite's PATCH and DELETE (event-policy.ts): admins, or the organiser while a planner.
export const handler = endpoint(
  { surface: 'planninghub', params: productionEventIdParams, body: updateProductionEventBody },
  async ({ params, body, principal, scope }) => {
    const patch = toProductionPatch(body);
    // Read, apply, write if unchanged: a concurrent edit (from either surface) makes the write fail and we start over.
    for (let attempt = 1; ; attempt++) {
      const current = await getEvent(principal.organizationId, normaliseEventId(params.id), true);
      if (!current) throw productionEventNotFound();
      assertEventAllowed(principal, 'change', 'planninghub', current);
      const next = applyProductionPatch(current, patch, new Date());
      try {
        await replaceEvent(next, current.version);
        return { statusCode: 200, body: productionEventDetailView(next, NOTHING_PLANNED, scope.lang) };
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'CONCURRENT_UPDATE') || attempt >= ATTEMPTS) throw error;
      }
    }
  },
);
