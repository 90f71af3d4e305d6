import { endpoint } from '../../shared/http/endpoint.ts';
import { listEquipmentUseCase } from '../../shared/app/equipment/catalogue.ts';
import { listEquipmentQuery } from '../../shared/schemas/equipment-queries.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

export const handler = endpoint({ surface: 'planninghub', query: listEquipmentQuery }, async ({ query, principal }) => {
  const page = await listEquipmentUseCase(principal, {
    status: query.status,
    category: query.category,
    subcategory: query.subcategory,
    limit: query.limit,
    cursor: query.cursor,
    start: query.start_time,
    end: query.end_time,
  });
  return {
    statusCode: 200,
    body: {
      count: page.items.length,
      results: page.items.map(({ equipment, allocations, window, timeZone }) => equipmentView(equipment, equipmentSegments(equipment, allocations, { window, timeZone }), timeZone)),
      next_cursor: page.nextCursor,
    },
  };
});
