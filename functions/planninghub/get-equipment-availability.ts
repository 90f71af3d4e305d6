import { endpoint } from '../../shared/http/endpoint.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { requestedWindow } from '../../shared/domain/equipment.ts';
import { formatWithOffset } from '../../shared/domain/time/zoned.ts';
import { equipmentAllocationsOfEach, getEquipmentMany, listEquipmentSelection } from '../../shared/store/equipment.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { equipmentAvailabilityQuery, MAX_AVAILABILITY_ITEMS } from '../../shared/schemas/equipment.ts';
import { availabilityItemView, availabilitySummary, equipmentSegments } from '../../shared/views/equipment.ts';

export const handler = endpoint({ surface: 'planninghub', query: equipmentAvailabilityQuery }, async ({ query, principal }) => {
  const organizationId = principal.organizationId;
  const window = requestedWindow(query.start_time, query.end_time)!;
  const [timeZone, items] = await Promise.all([
    getOrganizationTimeZone(organizationId),
    query.ids
      ? getEquipmentMany(organizationId, query.ids)
      : listEquipmentSelection(organizationId, { category: query.category, subcategory: query.subcategory }, MAX_AVAILABILITY_ITEMS + 1),
  ]);
  // Per-subcategory counts need every item of the selection, so a selection is never cut into pages.
  if (items.length > MAX_AVAILABILITY_ITEMS) {
    throw DomainError.of('invalid', 'SELECTION_TOO_LARGE', {
      params: { max: MAX_AVAILABILITY_ITEMS },
      details: [{ field: query.subcategory === undefined ? 'subcategory' : 'category', message: `more than ${MAX_AVAILABILITY_ITEMS} items` }],
    });
  }
  const allocations = await equipmentAllocationsOfEach(organizationId, items, window);
  const context = { window, timeZone };
  const results = items.map((equipment, i) => {
    const segments = equipmentSegments(equipment, allocations[i]!, context);
    return availabilityItemView(equipment, segments, allocations[i]!, context);
  });
  const found = new Set(items.map((equipment) => equipment.id));
  return {
    statusCode: 200,
    body: {
      start_time: formatWithOffset(window.start, timeZone),
      end_time: formatWithOffset(window.end, timeZone),
      count: results.length,
      results,
      summary: availabilitySummary(items.map((equipment, i) => ({ equipment, available: results[i]!.available }))),
      not_found: [...new Set(query.ids ?? [])].filter((id) => !found.has(id)),
    },
  };
});
