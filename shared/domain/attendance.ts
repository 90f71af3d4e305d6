/**
 * Attendance, pure: the check-in links of a shift and what its actual times cost
 * (docs/shifts.md, "QR check-in").
 */
import { checkinTokenExpiry, signCheckinToken, type CheckinKey } from './checkin-token.ts';
import { computeShiftCost, type EmploymentContract, type ShiftCost } from './finance.ts';
import { workedIntervals } from './labour-rules.ts';
import type { PaySettings } from './org-settings.ts';
import { timesOfShift, type Attendance, type Shift } from './shift.ts';

export interface CheckinTokens {
  technicianId: string;
  checkin: string;
  checkout: string;
}

/**
 * The check-in and check-out tokens of these technicians on the shift, signed with the current
 * key and expiring 12 h after the shift's end. None for a cancelled shift, or once they would be
 * expired already: a link that can only be refused is not worth showing.
 */
export function checkinTokensOf(shift: Shift, technicianIds: readonly string[], keys: readonly CheckinKey[], now: number): CheckinTokens[] {
  const exp = checkinTokenExpiry(Date.parse(shift.endAt));
  const key = keys[0];
  if (!key || shift.status === 'cancelled' || now >= exp * 1000) return [];
  return technicianIds
    .filter((id) => shift.technicianIds.includes(id))
    .map((technicianId) => ({
      technicianId,
      checkin: signCheckinToken({ shiftId: shift.id, technicianId, action: 'checkin', exp }, key),
      checkout: signCheckinToken({ shiftId: shift.id, technicianId, action: 'checkout', exp }, key),
    }));
}

export interface ActualAttendance {
  technicianId: string;
  checkInAt: number | null;
  checkOutAt: number | null;
  /** Presence, check-in to check-out, in hours to 2 decimals; null until both are known. */
  hours: number | null;
  /** The financial engine over the actual worked time; null until checked out, or without a contract. */
  cost: ShiftCost | null;
}

/**
 * What a technician's actual times cost (pure): computeShiftCost over check-in to check-out minus
 * the shift's mandatory breaks (a break is unpaid whether or not it was taken on site), with the
 * technician's current contract, the hours they worked earlier that ISO week, and the shift's own
 * emergency judgement. Transport is paid per shift, so a check-out in the same second as the
 * check-in still costs it.
 */
export function actualAttendanceCost(input: {
  shift: Shift;
  record: Attendance | null;
  contract: EmploymentContract | null;
  weekHoursBefore: number;
  pay: PaySettings;
  timeZone: string;
}): ActualAttendance {
  const { shift, record } = input;
  const checkInAt = record?.checkInAt ? Date.parse(record.checkInAt) : null;
  const checkOutAt = record?.checkOutAt ? Date.parse(record.checkOutAt) : null;
  const technicianId = record?.technicianId ?? '';
  if (checkInAt === null || checkOutAt === null) return { technicianId, checkInAt, checkOutAt, hours: null, cost: null };
  const hours = Math.round((checkOutAt - checkInAt) / 36_000) / 100;
  if (!input.contract) return { technicianId, checkInAt, checkOutAt, hours, cost: null };
  const worked = checkOutAt > checkInAt ? workedIntervals({ start: checkInAt, end: checkOutAt, breaks: timesOfShift(shift).breaks }) : [];
  const cost = computeShiftCost({
    worked,
    contract: input.contract,
    weekHoursBefore: input.weekHoursBefore,
    emergency: shift.economicValue.computed.emergency,
    budgetLine: shift.economicValue.budgetLine,
    settings: input.pay,
    timeZone: input.timeZone,
  });
  return { technicianId, checkInAt, checkOutAt, hours, cost };
}
