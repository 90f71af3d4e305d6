/**
 * GET /v1/shifts: one page of the organisation's shifts. A technician lists their own only,
 * decided before any read; the event filter and the X-Event-ID scope must agree.
 */
import { listShiftPage, shiftSettings, type ShiftPage } from '../../store/shifts.ts';
import { DomainError } from '../../domain/errors.ts';
import { message } from '../../messages/catalogue.ts';
import { hasAnyRole, PLANNERS } from '../../domain/roles.ts';
import { normaliseEventId } from '../../domain/production.ts';
import type { ShiftStatus } from '../../domain/shift.ts';
import { addDays, startOfLocalDay, type LocalDate } from '../../domain/time/zoned.ts';
import type { Actor } from '../actor.ts';

export interface ShiftListRequest {
  mine: boolean;
  technicianId?: string;
  eventId?: string;
  /** The X-Event-ID scope of the request, if any. */
  scopeEventId?: string;
  role?: string;
  status?: ShiftStatus;
  from?: LocalDate;
  to?: LocalDate;
  limit: number;
  cursor?: string;
}

const differs = (field: string, key: 'VALIDATION_ERROR.mine_technician' | 'VALIDATION_ERROR.event_id_header') =>
  DomainError.of('invalid', key, { details: [{ field, message: message(key).en }] });

export async function listShifts(actor: Actor, request: ShiftListRequest): Promise<ShiftPage & { timeZone: string }> {
  if (request.mine && request.technicianId !== undefined && request.technicianId !== actor.userId) throw differs('technician_id', 'VALIDATION_ERROR.mine_technician');
  const technicianId = request.mine ? actor.userId : request.technicianId;
  if (technicianId !== actor.userId && !hasAnyRole(actor.roles, PLANNERS)) throw DomainError.of('forbidden', 'INSUFFICIENT_ROLE.shift_list');
  const scoped = request.scopeEventId === undefined ? undefined : normaliseEventId(request.scopeEventId);
  const eventId = request.eventId === undefined ? scoped : normaliseEventId(request.eventId);
  if (scoped !== undefined && eventId !== scoped) throw differs('event_id', 'VALIDATION_ERROR.event_id_header');
  const { timeZone } = await shiftSettings(actor.organizationId);
  const page = await listShiftPage(actor.organizationId, {
    eventId,
    technicianId,
    role: request.role,
    status: request.status,
    // Local days, midnight to midnight in the organisation's zone.
    startsFrom: request.from === undefined ? undefined : startOfLocalDay(request.from, timeZone),
    startsBefore: request.to === undefined ? undefined : startOfLocalDay(addDays(request.to, 1), timeZone),
    limit: request.limit,
    cursor: request.cursor,
  });
  return { ...page, timeZone };
}
