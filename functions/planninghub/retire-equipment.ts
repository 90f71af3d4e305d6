import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { retireEquipmentUseCase } from '../../shared/app/equipment/update-equipment.ts';
import { equipmentIdParams } from '../../shared/schemas/equipment-params.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

// Soft: the item and its bookings stay readable (see retireEquipmentUseCase).
export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, params: equipmentIdParams }, async ({ params, principal }) => {
  const { equipment, allocations, window, timeZone } = await retireEquipmentUseCase(principal, params.id);
  return { statusCode: 200, body: equipmentView(equipment, equipmentSegments(equipment, allocations, { window, timeZone }), timeZone) };
});
