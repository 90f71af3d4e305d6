/**
 * iCalendar (RFC 5545) of a technician's shifts, for the secret feed their phone subscribes to
 * (docs/documents.md, "Calendar feed"). Pure: text in, text out.
 */
import type { Shift } from './shift.ts';
import { escapeIcsText, foldLine, icsUtc } from './icalendar.ts';

const text = escapeIcsText;
const stamp = icsUtc;
const fold = foldLine;

export function shiftsCalendar(shifts: readonly Shift[], options: { name: string; now: Date; host: string }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Stagecrew//PlanningHub//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${text(options.name)}`];
  for (const shift of shifts) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${shift.id}@${options.host}`,
      `DTSTAMP:${stamp(options.now.toISOString())}`,
      // The call time is when the technician must be there.
      `DTSTART:${stamp(shift.callAt)}`,
      `DTEND:${stamp(shift.endAt)}`,
      `SUMMARY:${text(shift.title)}`,
      `SEQUENCE:${shift.version}`,
      `LAST-MODIFIED:${stamp(shift.updatedAt)}`,
      `STATUS:${shift.status === 'cancelled' ? 'CANCELLED' : shift.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
