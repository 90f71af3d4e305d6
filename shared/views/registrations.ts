/** The organiser's view of a registration (EventLite, camelCase) and its CSV export. */
import type { RegistrationWithPosition } from '../domain/registration.ts';

export function registrationView(registration: RegistrationWithPosition) {
  return {
    id: registration.id,
    eventId: registration.eventId,
    name: registration.name,
    email: registration.email,
    status: registration.status,
    waitlistPosition: registration.waitlistPosition,
    createdAt: registration.createdAt,
    promotedAt: registration.promotedAt ?? null,
    cancelledAt: registration.cancelledAt ?? null,
  };
}

/**
 * RFC 4180 CSV (CRLF, quoted fields), with a UTF-8 byte order mark so that spreadsheet software
 * reads the accents. A field a spreadsheet would run as a formula (=, +, -, @, tab, CR) is
 * prefixed with a quote (OWASP "CSV injection").
 */
export function registrationsCsv(registrations: RegistrationWithPosition[]): string {
  const field = (value: string | number | null | undefined) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return `"${text.replaceAll('"', '""')}"`;
  };
  const header = ['id', 'name', 'email', 'status', 'waitlistPosition', 'createdAt', 'promotedAt', 'cancelledAt'];
  const rows = registrations.map((r) =>
    [r.id, r.name, r.email, r.status, r.waitlistPosition, r.createdAt, r.promotedAt, r.cancelledAt].map(field).join(','),
  );
  return `\uFEFF${[header.map(field).join(','), ...rows].join('\r\n')}\r\n`;
}
