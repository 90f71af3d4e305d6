/**
 * GET /v1/shifts/{id}: the shift with its resources, attendance, actual times and, for whoever
 * may check in, the check-in links. A planner sees every shift; a technician only their own.
 */
import { getShiftWithAttendance, resolveShiftResources, shiftSettings } from '../../store/shifts.ts';
import { DomainError } from '../../domain/errors.ts';
import { hasAnyRole, PLANNERS } from '../../domain/roles.ts';
import { shiftNotFound, type Attendance, type Shift } from '../../domain/shift.ts';
import { checkinTokensOf, type ActualAttendance, type CheckinTokens } from '../../domain/attendance.ts';
import type { CheckinKey } from '../../domain/checkin-token.ts';
import type { OrgSettings } from '../../domain/org-settings.ts';
import { actualAttendanceOf } from './attendance.ts';
import type { Actor } from '../actor.ts';
import { readyDocuments } from '../documents/read-documents.ts';
import { documentReferencesOf } from '../../domain/document.ts';

export interface ShiftReading {
  shift: Shift;
  attendance: Attendance[];
  planner: boolean;
  world: { timeZone: string; settings: OrgSettings };
  resolved: Awaited<ReturnType<typeof resolveShiftResources>>;
  tokens: CheckinTokens[];
  actual: Map<string, ActualAttendance>;
  documents: Awaited<ReturnType<typeof readyDocuments>>;
}

/**
 * `checkinKeys` reads the signing keys (an adapter the handler owns, with its own fallback); it is
 * only called once the caller may see the shift, beside the other reads.
 */
export async function getShift(actor: Actor, shiftId: string, checkinKeys: () => Promise<readonly CheckinKey[]>, now: number): Promise<ShiftReading> {
  // A view decides nothing: eventually consistent. The organisation's settings need nothing from
  // the shift, so they are read beside it (issue 14, "Fewest round trips").
  const [found, world] = await Promise.all([getShiftWithAttendance(actor.organizationId, shiftId, false), shiftSettings(actor.organizationId)]);
  if (!found) throw shiftNotFound();
  const { shift, attendance } = found;
  const planner = hasAnyRole(actor.roles, PLANNERS);
  if (!planner && !shift.technicianIds.includes(actor.userId)) throw DomainError.of('forbidden', 'INSUFFICIENT_ROLE.shift_view');
  const [resolved, keys, documents] = await Promise.all([
    resolveShiftResources(actor.organizationId, shift),
    checkinKeys(),
    readyDocuments(actor.organizationId, documentReferencesOf(shift.metadata).map(({ id }) => id), new Date(now)),
  ]);
  const tokens = checkinTokensOf(shift, planner ? shift.technicianIds : [actor.userId], keys, now);
  const actual = await actualAttendanceOf(actor.organizationId, shift, attendance, resolved.profiles, world);
  return { shift, attendance, planner, world, resolved, tokens, actual, documents };
}
