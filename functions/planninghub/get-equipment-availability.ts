import { endpoint } from '../../shared/http/endpoint.ts';
import { formatWithOffset } from '../../shared/domain/time/local-time.ts';
import { equipmentAvailabilityUseCase } from '../../shared/app/equipment/equipment-availability.ts';
import { equipmentAvailabilityQuery, MAX_AVAILABILITY_ITEMS } from '../../shared/schemas/equipment-queries.ts';
import { availabilityItemView, availabilitySummary, equipmentSegments } from '../../shared/views/equipment.ts';

export const handler = endpoint({ surface: 'planninghub', query: equipmentAvailabilityQuery }, async ({ query, principal }) => {
  const { window, timeZone, items, notFound } = await equipmentAvailabilityUseCase(
    principal,
    { start: query.start_time, end: query.end_time, ids: query.ids, category: query.category, subcategory: query.subcategory },
    MAX_AVAILABILITY_ITEMS,
  );
  const context = { window, timeZone };
  const results = items.map(({ equipment, allocations }) => availabilityItemView(equipment, equipmentSegments(equipment, allocations, context), allocations, context));
  return {
    statusCode: 200,
    body: {
      start_time: formatWithOffset(window.start, timeZone),
      end_time: formatWithOffset(window.end, timeZone),
      count: results.length,
      results,
      summary: availabilitySummary(items.map(({ equipment }, i) => ({ equipment, available: results[i]!.available }))),
      not_found: notFound,
    },
  };
});
