import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { createEquipmentUseCase } from '../../shared/app/equipment/create-equipment.ts';
import { createEquipmentBody, toNewEquipmentInput } from '../../shared/schemas/equipment.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, body: createEquipmentBody }, async ({ body, principal }) => {
  const { equipment, allocations, window, timeZone } = await createEquipmentUseCase(principal, toNewEquipmentInput(body));
  const segments = equipmentSegments(equipment, allocations, { window, timeZone });
  return { statusCode: 201, headers: { Location: `/v1/equipment/${equipment.id}` }, body: equipmentView(equipment, segments, timeZone) };
});
