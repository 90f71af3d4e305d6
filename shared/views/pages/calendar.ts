/**
 * The event as an iCalendar file (RFC 5545): one VEVENT with UTC times (section 3.3.5, form #2),
 * which need no VTIMEZONE and which every client shows in its user's zone; the event's own zone
 * is named in X-WR-TIMEZONE for clients that display it. Lines end in CRLF and are folded at 75
 * octets; TEXT values are escaped (section 3.3.11).
 */
import type { Event } from '../../domain/event.ts';
import { escapeIcsText, foldLine, icsUtc } from '../../domain/icalendar.ts';

const utc = icsUtc;

export { escapeIcsText, foldLine };

export function eventCalendar(event: Event, url: string, host: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Stagecrew//EventLite//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-TIMEZONE:${event.timezone}`,
    'BEGIN:VEVENT',
    `UID:${event.id}@${host}`,
    `DTSTAMP:${utc(event.updatedAt)}`,
    `LAST-MODIFIED:${utc(event.updatedAt)}`,
    `SEQUENCE:${Math.max(0, (event.version ?? 1) - 1)}`,
    `DTSTART:${utc(event.startAt)}`,
    `DTEND:${utc(event.endAt)}`,
    `SUMMARY:${escapeIcsText(event.title)}`,
    ...(event.description || event.subtitle ? [`DESCRIPTION:${escapeIcsText([event.subtitle, event.description].filter(Boolean).join('\n\n'))}`] : []),
    ...(event.mode === 'ONLINE' ? [`LOCATION:${escapeIcsText(url)}`] : event.location ? [`LOCATION:${escapeIcsText(event.location)}`] : []),
    ...(event.latitude !== null && event.longitude !== null ? [`GEO:${event.latitude};${event.longitude}`] : []),
    `URL:${url}`,
    `STATUS:${event.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
