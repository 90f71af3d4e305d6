/**
 * The actual times of a shift's technicians and what they cost (GET /v1/shifts/{id}).
 */
import { readTechnicianSchedule } from '../../store/shifts.ts';
import { actualAttendanceCost, type ActualAttendance } from '../../domain/attendance.ts';
import { hoursBeforeInWeek, type Attendance, type Shift } from '../../domain/shift.ts';
import type { OrgSettings } from '../../domain/org-settings.ts';
import type { TechnicianProfile } from '../../domain/technician.ts';

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * Every named technician's actual times and their cost. Only the technicians who have checked out
 * cost a read: their shifts of the past week (one bounded query each), for the weekly overtime.
 */
export async function actualAttendanceOf(
  organizationId: string,
  shift: Shift,
  attendance: readonly Attendance[],
  profiles: ReadonlyMap<string, TechnicianProfile>,
  world: { timeZone: string; settings: OrgSettings },
): Promise<Map<string, ActualAttendance>> {
  const entries = await Promise.all(
    shift.technicianIds.map(async (technicianId): Promise<[string, ActualAttendance]> => {
      const record = attendance.find((entry) => entry.technicianId === technicianId) ?? null;
      const contract = profiles.get(technicianId)?.employmentContract ?? null;
      let weekHoursBefore = 0;
      if (record?.checkInAt && record.checkOutAt && contract) {
        const from = Date.parse(record.checkInAt);
        const { shifts } = await readTechnicianSchedule(organizationId, technicianId, { start: from - WEEK_MS, end: from }, { exceptShiftId: shift.id, consistent: false });
        weekHoursBefore = hoursBeforeInWeek(shifts, from, world.timeZone);
      }
      const actual = actualAttendanceCost({ shift, record, contract, weekHoursBefore, pay: world.settings.pay, timeZone: world.timeZone });
      return [technicianId, { ...actual, technicianId }];
    }),
  );
  return new Map(entries);
}
