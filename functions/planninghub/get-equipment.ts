import { endpoint } from '../../shared/http/endpoint.ts';
import { getEquipmentUseCase } from '../../shared/app/equipment/catalogue.ts';
import { equipmentIdParams } from '../../shared/schemas/equipment-params.ts';
import { equipmentWindowQuery } from '../../shared/schemas/equipment-window.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

export const handler = endpoint({ surface: 'planninghub', params: equipmentIdParams, query: equipmentWindowQuery }, async ({ params, query, principal }) => {
  const { equipment, allocations, window, timeZone } = await getEquipmentUseCase(principal, params.id, { start: query.start_time, end: query.end_time });
  return { statusCode: 200, body: equipmentView(equipment, equipmentSegments(equipment, allocations, { window, timeZone }), timeZone) };
});
