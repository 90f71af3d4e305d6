import type { Event } from '../../domain/event.ts';
import { applyProductionPatch, normaliseEventId, productionEventNotFound, type ProductionPatch } from '../../domain/production.ts';
import { getEvent } from '../../store/events.ts';
import type { Actor } from '../actor.ts';
import { editEvent } from './update-event.ts';

/** PATCH /v1/events/{id}: the same policy and retry as EventLite's PATCH (event-policy.ts). */
export function updateProductionEventUseCase(actor: Actor, id: string, patch: ProductionPatch): Promise<Event> {
  const find = async () => {
    const current = await getEvent(actor.organizationId, normaliseEventId(id), true);
    if (!current) throw productionEventNotFound();
    return current;
  };
  return editEvent(find, actor, 'planninghub', (current, now) => applyProductionPatch(current, patch, now));
}
