import { endpoint } from '../../shared/http/endpoint.ts';
import { listShiftsQuery } from '../../shared/schemas/shifts.ts';
import { listShifts } from '../../shared/app/shifts/list-shifts.ts';
import { shiftListItemView } from '../../shared/views/shifts.ts';

export const handler = endpoint({ surface: 'planninghub', query: listShiftsQuery }, async ({ query, principal, scope }) => {
  const page = await listShifts(principal, {
    mine: query.mine === 'true',
    technicianId: query.technician_id,
    eventId: query.event_id,
    scopeEventId: scope.eventId,
    role: query.role,
    status: query.status,
    from: query.from,
    to: query.to,
    limit: query.limit,
    cursor: query.cursor,
  });
  return {
    statusCode: 200,
    body: { count: page.shifts.length, results: page.shifts.map((shift) => shiftListItemView(shift, page.timeZone)), next_cursor: page.nextCursor },
  };
});
