import { randomHex } from '../../random-hex.ts';
import { createEquipment, currentLocalDay, type NewEquipmentInput } from '../../domain/equipment.ts';
import { RETRY, withRetry } from '../../domain/retry.ts';
import { insertEquipment } from '../../store/equipment.ts';
import type { Actor } from '../actor.ts';
import { getOrganizationTimeZone } from '../../store/identity.ts';
import type { EquipmentInWindow } from './catalogue.ts';

const ATTEMPTS = 3;

/** POST /v1/equipment. */
export async function createEquipmentUseCase(actor: Actor, input: NewEquipmentInput): Promise<EquipmentInWindow> {
  const timeZone = await getOrganizationTimeZone(actor.organizationId);
  const equipment = await withRetry(
    async () => {
      // 64 random bits: a collision is improbable, and the conditional write turns one into a new draw.
      const drawn = createEquipment(input, { id: `eq_${randomHex(8)}`, organizationId: actor.organizationId }, new Date());
      return (await insertEquipment(drawn)) ? { done: drawn } : RETRY;
    },
    () => new Error(`No free equipment id after ${ATTEMPTS} draws`),
    { maxAttempts: ATTEMPTS },
  );
  // A new item has no allocation yet: nothing to read.
  return { equipment, allocations: [], window: currentLocalDay(timeZone, Date.now()), timeZone };
}
