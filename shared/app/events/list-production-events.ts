import { eventStatusOf, hasFilters, matchesProductionFilters, startIndexUpperBound, type ProductionStatus } from '../../domain/production.ts';
import type { LocalDate } from '../../domain/time/zoned.ts';
import { listEventPage, type EventCursorPage } from '../../store/events.ts';
import type { Actor } from '../actor.ts';

export interface ProductionEventQuery {
  status?: ProductionStatus;
  from?: LocalDate;
  to?: LocalDate;
  q?: string;
  limit: number;
  cursor?: string;
}

/** GET /v1/events: the key condition narrows by status and start, the domain filters the rest. */
export function listProductionEventsUseCase(actor: Actor, query: ProductionEventQuery): Promise<EventCursorPage> {
  const filters = { from: query.from, to: query.to, q: query.q };
  return listEventPage(actor.organizationId, {
    status: query.status === undefined ? undefined : eventStatusOf(query.status),
    startsBefore: query.to === undefined ? undefined : startIndexUpperBound(query.to),
    limit: query.limit,
    cursor: query.cursor,
    accept: hasFilters(filters) ? (event) => matchesProductionFilters(event, filters) : undefined,
  });
}
