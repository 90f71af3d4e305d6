import { DomainError } from '../../domain/errors.ts';
import { applyEquipmentPatch, equipmentNotFound, retireEquipment, type Equipment, type EquipmentPatch } from '../../domain/equipment.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import { getEquipment, replaceEquipment, updateEquipmentShrinkingStock } from '../../store/equipment.ts';
import type { Actor } from '../actor.ts';
import { equipmentToday, type EquipmentInWindow } from './catalogue.ts';

const isConcurrentUpdate = (error: unknown) => error instanceof DomainError && error.code === 'CONCURRENT_UPDATE';

/**
 * Read, apply, write if unchanged: a concurrent edit makes the write fail and we start over from
 * a fresh read; when the attempts run out, the last CONCURRENT_UPDATE is the answer.
 */
async function editEquipment(actor: Actor, id: string, write: (current: Equipment) => Promise<Equipment>): Promise<EquipmentInWindow> {
  let last: unknown;
  return withRetry(
    async () => {
      const current = await getEquipment(actor.organizationId, id, true);
      if (!current) throw equipmentNotFound();
      try {
        const written = await write(current);
        return { done: await equipmentToday(actor.organizationId, written) };
      } catch (error) {
        if (!isConcurrentUpdate(error)) throw error;
        last = error;
        return RETRY;
      }
    },
    () => last as Error,
  );
}

/** PATCH /v1/equipment/{id}: lowering the stock is checked against the bookings to come. */
export function updateEquipmentUseCase(actor: Actor, id: string, patch: EquipmentPatch): Promise<EquipmentInWindow> {
  return editEquipment(actor, id, async (current) => {
    const apply = (base: Equipment) => applyEquipmentPatch(base, patch, new Date());
    const next = apply(current);
    if (next.quantityTotal < current.quantityTotal) return updateEquipmentShrinkingStock(current, apply, Date.now());
    // A stock that is not lowered has nothing to check; a pending smaller total left by an interrupted change is dropped.
    const written = patch.quantityTotal === undefined ? next : { ...next, pendingQuantityTotal: null };
    await replaceEquipment(written, current.version);
    return written;
  });
}

/**
 * DELETE /v1/equipment/{id}: soft; the item and its bookings stay readable, and the booking
 * transaction checks the status, so no booking can slip in after the retirement is written.
 */
export function retireEquipmentUseCase(actor: Actor, id: string): Promise<EquipmentInWindow> {
  return editEquipment(actor, id, async (current) => {
    const retired = retireEquipment(current, new Date());
    if (retired !== current) await replaceEquipment(retired, current.version);
    return retired;
  });
}
