import { endpoint } from '../../shared/http/endpoint.ts';
import { currentLocalDay, requestedWindow } from '../../shared/domain/equipment.ts';
import { equipmentAllocationsOfEach, listEquipmentPage } from '../../shared/store/equipment.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { listEquipmentQuery } from '../../shared/schemas/equipment.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

export const handler = endpoint({ surface: 'planninghub', query: listEquipmentQuery }, async ({ query, principal }) => {
  const organizationId = principal.organizationId;
  const asked = requestedWindow(query.start_time, query.end_time);
  const [timeZone, page] = await Promise.all([
    getOrganizationTimeZone(organizationId),
    listEquipmentPage(organizationId, { status: query.status, category: query.category, subcategory: query.subcategory, limit: query.limit, cursor: query.cursor }),
  ]);
  const window = asked ?? currentLocalDay(timeZone, Date.now());
  const allocations = await equipmentAllocationsOfEach(organizationId, page.items, window);
  return {
    statusCode: 200,
    body: {
      count: page.items.length,
      results: page.items.map((equipment, i) => equipmentView(equipment, equipmentSegments(equipment, allocations[i]!, { window, timeZone }), timeZone)),
      next_cursor: page.nextCursor,
    },
  };
});
