import { DomainError } from '../../domain/errors.ts';
import {
  applyEquipmentPatch,
  equipmentNotFound,
  holdsPendingShrink,
  reserveStockShrink,
  retireEquipment,
  stockShrinkRefusal,
  type Equipment,
  type EquipmentPatch,
} from '../../domain/equipment.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import { END_OF_TIME } from '../../store/allocations.ts';
import { concurrentEquipmentUpdate, getEquipment, readEquipmentAllocations, readEquipmentCountersFrom, replaceEquipment } from '../../store/equipment.ts';
import { countersWithin } from '../../domain/allocation.ts';
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

/**
 * Lowers a stock, refused (409 RESOURCE_CONFLICT) when more than the new total is booked at some
 * moment from `now` on. Bookings do not write the item, so a booking committed while the future
 * allocations are being read would go unnoticed by a plain versioned write. Hence two steps:
 * first the smaller total is written as pending (every booking judged from then on re-reads the
 * item, since the version it checks moved, and holds no more than the pending total), then the
 * stripes' usage counters are read (all bookings committed before the first step included; the
 * allocations themselves only when the counters do not prove the new total enough), and the change
 * is settled or undone. Should the second step never happen, the pending total only keeps bookings
 * on the safe side until the next change of quantity_total.
 */
async function shrinkStock(current: Equipment, apply: (base: Equipment) => Equipment, now: number): Promise<Equipment> {
  const target = apply(current);
  const reserving = reserveStockShrink(current, target);
  await replaceEquipment(reserving, current.version);
  const window = { start: now, end: END_OF_TIME };
  // The counters bound the use to come from above: within the new total, nothing more to read;
  // otherwise the allocations tell the exact peak (and where it is, for the refusal).
  const counters = await readEquipmentCountersFrom(current, now);
  const refusal = countersWithin(counters.values(), target.quantityTotal) ? null : stockShrinkRefusal(target, await readEquipmentAllocations(current, window), window);
  const settled = await withRetry(async (attempt) => {
    const base = attempt === 1 ? reserving : await getEquipment(current.organizationId, current.id, true);
    // Another change of the stock took over the pending total: it settles it, not us.
    if (!holdsPendingShrink(base, target)) throw concurrentEquipmentUpdate();
    const next: Equipment = refusal ? { ...base, pendingQuantityTotal: null, version: base.version + 1 } : { ...apply(base), pendingQuantityTotal: null };
    try {
      await replaceEquipment(next, base.version);
    } catch (error) {
      if (isConcurrentUpdate(error)) return RETRY;
      throw error;
    }
    return { done: next };
  }, concurrentEquipmentUpdate);
  if (refusal) throw refusal;
  return settled;
}

/** PATCH /v1/equipment/{id}: lowering the stock is checked against the bookings to come. */
export function updateEquipmentUseCase(actor: Actor, id: string, patch: EquipmentPatch, now = Date.now()): Promise<EquipmentInWindow> {
  return editEquipment(actor, id, async (current) => {
    const apply = (base: Equipment) => applyEquipmentPatch(base, patch, new Date(now));
    const next = apply(current);
    if (next.quantityTotal < current.quantityTotal) return shrinkStock(current, apply, now);
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
