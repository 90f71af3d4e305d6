import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { currentLocalDay, equipmentNotFound, retireEquipment } from '../../shared/domain/equipment.ts';
import { equipmentAllocations, getEquipment, replaceEquipment } from '../../shared/store/equipment.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { equipmentIdParams } from '../../shared/schemas/equipment.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

const ATTEMPTS = 3;

// Soft: the item and its bookings stay readable; the booking transaction checks the status, so no
// booking can slip in after the retirement is written.
export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, params: equipmentIdParams }, async ({ params, principal }) => {
  const organizationId = principal.organizationId;
  for (let attempt = 1; ; attempt++) {
    const current = await getEquipment(organizationId, params.id, true);
    if (!current) throw equipmentNotFound();
    const retired = retireEquipment(current, new Date());
    try {
      if (retired !== current) await replaceEquipment(retired, current.version);
      const timeZone = await getOrganizationTimeZone(organizationId);
      const window = currentLocalDay(timeZone, Date.now());
      const allocations = await equipmentAllocations(organizationId, retired.id, window);
      return { statusCode: 200, body: equipmentView(retired, equipmentSegments(retired, allocations, { window, timeZone }), timeZone) };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'CONCURRENT_UPDATE') || attempt >= ATTEMPTS) throw error;
    }
  }
});
