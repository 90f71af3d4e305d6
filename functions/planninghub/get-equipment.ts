import { endpoint } from '../../shared/http/endpoint.ts';
import { currentLocalDay, equipmentNotFound, requestedWindow } from '../../shared/domain/equipment.ts';
import { equipmentAllocations, getEquipment } from '../../shared/store/equipment.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { equipmentIdParams, equipmentWindowQuery } from '../../shared/schemas/equipment.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

export const handler = endpoint({ surface: 'planninghub', params: equipmentIdParams, query: equipmentWindowQuery }, async ({ params, query, principal }) => {
  const organizationId = principal.organizationId;
  const asked = requestedWindow(query.start_time, query.end_time);
  const [timeZone, equipment] = await Promise.all([getOrganizationTimeZone(organizationId), getEquipment(organizationId, params.id)]);
  if (!equipment) throw equipmentNotFound();
  const window = asked ?? currentLocalDay(timeZone, Date.now());
  const allocations = await equipmentAllocations(organizationId, equipment.id, window);
  return { statusCode: 200, body: equipmentView(equipment, equipmentSegments(equipment, allocations, { window, timeZone }), timeZone) };
});
