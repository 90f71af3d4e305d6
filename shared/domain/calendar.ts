/**
 * iCalendar (RFC 5545) of a technician's shifts, for the secret feed their phone subscribes to
 * (docs/documents.md, "Calendar feed"). Pure: text in, text out.
 */
import type { Shift } from './shift.ts';

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
const text = (value: string) => value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** `20240215T190000Z`. */
const stamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Lines longer than 75 octets are folded with CRLF + space (RFC 5545 3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

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
