/**
 * POST /v1/shifts/{id}/check-in and /check-out: through a QR link (docs/shifts.md, "QR check-in").
 */
import { checkinTokenKeys } from '../../adapters/checkin-secret.ts';
import { getShiftWithAttendance, recordActualTime, shiftSettings } from '../../store/shifts.ts';
import { DomainError } from '../../domain/errors.ts';
import { message } from '../../messages/catalogue.ts';
import { checkinWindowOf, verifyCheckinToken, type CheckinAction, type CheckinTokenRefusal } from '../../domain/checkin-token.ts';
import { shiftCancelled, shiftNotFound, type Attendance, type Shift } from '../../domain/shift.ts';
import { formatWithOffset } from '../../domain/time/local-time.ts';

const invalidCheckinToken = (reason: CheckinTokenRefusal) =>
  new DomainError(
    'forbidden',
    'INVALID_CHECKIN_TOKEN',
    message('INVALID_CHECKIN_TOKEN', { reason }),
    { reason },
  );

export interface CheckinOutcome {
  shift: Shift;
  record: Attendance;
  /** The time was recorded by an earlier call: this one changed nothing. */
  alreadyRecorded: boolean;
}

/**
 * A check-in or check-out through a QR link, by the technician it was issued to: the token is
 * verified (403 INVALID_CHECKIN_TOKEN with its reason), then the shift read with its attendance.
 * A time already recorded is answered as it is (a repeated scan, a retried request); otherwise
 * the action must be within its window (409 OUTSIDE_CHECKIN_WINDOW) and a check-out needs a
 * check-in (409 CHECK_IN_REQUIRED), and the time, to the second, is recorded once by
 * recordActualTime's conditional write, whichever of several simultaneous calls wins.
 */
export async function checkInOrOut(caller: { organizationId: string; userId: string }, shiftId: string, action: CheckinAction, token: string, now: Date): Promise<CheckinOutcome> {
  const { organizationId, userId } = caller;
  const keys = await checkinTokenKeys();
  if (!keys) throw new Error('No check-in token secret is configured (CHECKIN_TOKEN_SECRET or CHECKIN_TOKEN_SECRET_ARN)');
  const verdict = verifyCheckinToken(token, keys, { shiftId, technicianId: userId, action }, now.getTime());
  if (!verdict.ok) throw invalidCheckinToken(verdict.reason);
  const found = await getShiftWithAttendance(organizationId, shiftId);
  if (!found) throw shiftNotFound();
  const { shift, attendance } = found;
  if (shift.status === 'cancelled') throw shiftCancelled();
  if (!shift.technicianIds.includes(userId)) {
    // The link was issued before a PATCH took the technician off the shift.
    throw new DomainError('forbidden', 'NOT_ON_SHIFT', message('NOT_ON_SHIFT'));
  }
  const existing = attendance.find((entry) => entry.technicianId === userId);
  if (existing && (action === 'checkin' ? existing.checkInAt : existing.checkOutAt)) return { shift, record: existing, alreadyRecorded: true };
  if (action === 'checkout' && !existing?.checkInAt) {
    throw new DomainError('conflict', 'CHECK_IN_REQUIRED', message('CHECK_IN_REQUIRED'));
  }
  const window = checkinWindowOf(action, { callAt: Date.parse(shift.callAt), endAt: Date.parse(shift.endAt), checkedInAt: existing?.checkInAt ? Date.parse(existing.checkInAt) : null });
  if (now.getTime() < window.opensAt || now.getTime() > window.closesAt) {
    const { timeZone } = await shiftSettings(organizationId);
    const opensAt = formatWithOffset(window.opensAt, timeZone);
    const closesAt = formatWithOffset(window.closesAt, timeZone);
    throw new DomainError(
      'conflict',
      'OUTSIDE_CHECKIN_WINDOW',
      message('OUTSIDE_CHECKIN_WINDOW', { action, opensAt, closesAt }),
      { action, opens_at: opensAt, closes_at: closesAt },
    );
  }
  // Whole seconds: the times are shown to the second, and the cost must be recomputable from what is shown.
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
  try {
    const record = await recordActualTime(organizationId, shiftId, userId, action === 'checkin' ? 'check_in' : 'check_out', at);
    return { shift, record, alreadyRecorded: false };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'ATTENDANCE_ALREADY_RECORDED') throw error;
    // A simultaneous call won the conditional write: answer with its time.
    const record = (await getShiftWithAttendance(organizationId, shiftId))?.attendance.find((entry) => entry.technicianId === userId);
    if (!record) throw error;
    return { shift, record, alreadyRecorded: true };
  }
}
