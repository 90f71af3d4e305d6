import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { applyEquipmentPatch, currentLocalDay, equipmentNotFound, type Equipment } from '../../shared/domain/equipment.ts';
import { equipmentAllocations, getEquipment, replaceEquipment, updateEquipmentShrinkingStock } from '../../shared/store/equipment.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { equipmentIdParams, toEquipmentPatch, updateEquipmentBody } from '../../shared/schemas/equipment.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

const ATTEMPTS = 3;

export const handler = endpoint(
  { surface: 'planninghub', roles: ADMINS, params: equipmentIdParams, body: updateEquipmentBody },
  async ({ params, body, principal }) => {
    const organizationId = principal.organizationId;
    const patch = toEquipmentPatch(body);
    // Read, apply, write if unchanged: a concurrent edit makes the write fail and we start over.
    for (let attempt = 1; ; attempt++) {
      const current = await getEquipment(organizationId, params.id, true);
      if (!current) throw equipmentNotFound();
      const apply = (base: Equipment) => applyEquipmentPatch(base, patch, new Date());
      try {
        const next = apply(current);
        let written: Equipment;
        if (next.quantityTotal < current.quantityTotal) {
          written = await updateEquipmentShrinkingStock(current, apply, Date.now());
        } else {
          // A stock that is not lowered has nothing to check; a pending smaller total left by an interrupted change is dropped.
          written = patch.quantityTotal === undefined ? next : { ...next, pendingQuantityTotal: null };
          await replaceEquipment(written, current.version);
        }
        const timeZone = await getOrganizationTimeZone(organizationId);
        const window = currentLocalDay(timeZone, Date.now());
        const allocations = await equipmentAllocations(organizationId, written.id, window);
        return { statusCode: 200, body: equipmentView(written, equipmentSegments(written, allocations, { window, timeZone }), timeZone) };
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'CONCURRENT_UPDATE') || attempt >= ATTEMPTS) throw error;
      }
    }
  },
);
