import { createHash } from 'node:crypto';
import { endpoint } from '../../shared/http/endpoint.ts';
import { etagMatches, notModified } from '../../shared/http/conditional.ts';
import { listShiftsQuery } from '../../shared/schemas/shift-list.ts';
import { listShifts } from '../../shared/app/shifts/list-shifts.ts';
import { shiftListItemView } from '../../shared/views/shifts.ts';

export const handler = endpoint({ surface: 'planninghub', query: listShiftsQuery }, async ({ query, principal, scope, headers }) => {
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
  const body = { count: page.shifts.length, results: page.shifts.map((shift) => shiftListItemView(shift, page.timeZone)), next_cursor: page.nextCursor };
  // A page is its content: a weak ETag from its digest, 304 when the app already has it.
  const etag = `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  if (etagMatches(headers('if-none-match'), etag)) return notModified(etag);
  return { statusCode: 200, headers: { ETag: etag }, body };
});
