import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { updateEquipmentUseCase } from '../../shared/app/equipment/update-equipment.ts';
import { equipmentIdParams } from '../../shared/schemas/equipment-params.ts';
import { toEquipmentPatch, updateEquipmentBody } from '../../shared/schemas/equipment.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

export const handler = endpoint(
  { surface: 'planninghub', roles: ADMINS, params: equipmentIdParams, body: updateEquipmentBody },
  async ({ params, body, principal }) => {
    const { equipment, allocations, window, timeZone } = await updateEquipmentUseCase(principal, params.id, toEquipmentPatch(body));
    return { statusCode: 200, body: equipmentView(equipment, equipmentSegments(equipment, allocations, { window, timeZone }), timeZone) };
  },
);
