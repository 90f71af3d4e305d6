import { endpoint } from '../../shared/http/endpoint.ts';
import { HttpError } from '../../shared/http/errors.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { hasAnyRole, PLANNERS } from '../../shared/domain/roles.ts';
import { normaliseEventId } from '../../shared/domain/production.ts';
import { listShiftsQuery } from '../../shared/schemas/shifts.ts';
import { listShiftPage, shiftSettings } from '../../shared/store/shifts.ts';
import { shiftListItemView } from '../../shared/views/shifts.ts';

const differs = (field: string, fr: string, en: string) => new DomainError('invalid', 'VALIDATION_ERROR', { fr, en }, [{ field, message: en }]);

export const handler = endpoint({ surface: 'planninghub', query: listShiftsQuery }, async ({ query, principal, scope }) => {
  const mine = query.mine === 'true';
  if (mine && query.technician_id !== undefined && query.technician_id !== principal.userId) {
    throw differs('technician_id', 'technician_id contredit mine=true', 'technician_id contradicts mine=true');
  }
  const technicianId = mine ? principal.userId : query.technician_id;
  // Decided before any read: a technician sees their own shifts only.
  if (technicianId !== principal.userId && !hasAnyRole(principal.roles, PLANNERS)) {
    throw new HttpError(403, 'INSUFFICIENT_ROLE', {
      fr: 'Rôle insuffisant : un technicien liste ses propres shifts (mine=true)',
      en: 'Insufficient role: a technician lists their own shifts (mine=true)',
    });
  }
  const headerEvent = scope.eventId === undefined ? undefined : normaliseEventId(scope.eventId);
  const eventId = query.event_id === undefined ? headerEvent : normaliseEventId(query.event_id);
  if (headerEvent !== undefined && eventId !== headerEvent) throw differs('event_id', 'event_id differe de X-Event-ID', 'event_id differs from X-Event-ID');
  const { timeZone } = await shiftSettings(principal.organizationId);
  const page = await listShiftPage(principal.organizationId, {
    eventId,
    technicianId,
    role: query.role,
    status: query.status,
    from: query.from,
    to: query.to,
    timeZone,
    limit: query.limit,
    cursor: query.cursor,
  });
  return {
    statusCode: 200,
    body: { count: page.shifts.length, results: page.shifts.map((shift) => shiftListItemView(shift, timeZone)), next_cursor: page.nextCursor },
  };
});
