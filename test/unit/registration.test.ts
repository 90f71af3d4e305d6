/** Registration rules, and the pages' pure pieces: admission, availability, ids, form checks, CSV, iCalendar, description. */
import { describe, expect, it } from 'vitest';
import { admissionOf, availabilityOf, hasRoom, normaliseEmail, placesToPromote, registrationFormErrors, timeOrderedId } from '../../shared/domain/registration.ts';
import { registrationsCsv } from '../../shared/views/registrations.ts';
import { escapeIcsText, foldLine } from '../../shared/views/pages/calendar.ts';
import { descriptionHtml, eventWhen } from '../../shared/views/pages/event-page.ts';
import { DomainError } from '../../shared/domain/errors.ts';

const event = (fields: Partial<{ status: 'DRAFT' | 'PUBLISHED' | 'CLOSED' | 'CANCELLED'; capacity: number | null; confirmedCount: number; waitlistCount: number; waitlist: boolean }> = {}) => ({
  status: 'PUBLISHED' as const,
  capacity: 2,
  confirmedCount: 0,
  waitlistCount: 0,
  waitlist: true,
  ...fields,
});

describe('admission', () => {
  it('confirms while a place is free and nobody waits; unlimited capacity always has room', () => {
    expect(admissionOf(event())).toBe('confirm');
    expect(admissionOf(event({ capacity: null, confirmedCount: 10_000 }))).toBe('confirm');
  });

  it('waitlists when full, and also while people wait even if a place is free (arrival order)', () => {
    expect(admissionOf(event({ confirmedCount: 2 }))).toBe('waitlist');
    expect(admissionOf(event({ confirmedCount: 1, waitlistCount: 3 }))).toBe('waitlist');
    expect(hasRoom(event({ confirmedCount: 1, waitlistCount: 3 }))).toBe(false);
  });

  it.each([
    [{ status: 'DRAFT' as const }, 'REGISTRATION_REFUSED'],
    [{ status: 'CLOSED' as const }, 'REGISTRATION_REFUSED'],
    [{ status: 'CANCELLED' as const }, 'REGISTRATION_REFUSED'],
    [{ confirmedCount: 2, waitlist: false }, 'REGISTRATION_REFUSED'],
  ])('refuses %o with a 409 conflict', (fields, code) => {
    try {
      admissionOf(event(fields));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('conflict');
      expect((error as DomainError).code).toBe(code);
    }
  });

  it('says full without a waitlist in the words of the spec', () => {
    expect(() => admissionOf(event({ confirmedCount: 2, waitlist: false }))).toThrow('Event full');
  });

  it('promotes as many as fit, none on a cancelled event, everyone when unlimited', () => {
    expect(placesToPromote({ ...event({ capacity: 5, confirmedCount: 2, waitlistCount: 10 }) })).toBe(3);
    expect(placesToPromote({ ...event({ capacity: null, confirmedCount: 2, waitlistCount: 10 }) })).toBe(10);
    expect(placesToPromote({ ...event({ status: 'CANCELLED', capacity: null, waitlistCount: 10 }) })).toBe(0);
    expect(placesToPromote({ ...event({ capacity: 2, confirmedCount: 2, waitlistCount: 10 }) })).toBe(0);
  });

  it('tells the page what to show', () => {
    expect(availabilityOf(event({ confirmedCount: 1 }))).toEqual({ kind: 'open', placesLeft: 1 });
    expect(availabilityOf(event({ capacity: null }))).toEqual({ kind: 'open', placesLeft: null });
    expect(availabilityOf(event({ confirmedCount: 2 }))).toEqual({ kind: 'waitlist' });
    expect(availabilityOf(event({ confirmedCount: 2, waitlist: false }))).toEqual({ kind: 'full' });
    expect(availabilityOf(event({ status: 'CLOSED' }))).toEqual({ kind: 'closed' });
    expect(availabilityOf(event({ status: 'CANCELLED' }))).toEqual({ kind: 'cancelled' });
  });
});

describe('ids, addresses and the form', () => {
  it('draws UUIDv7 ids that sort by time', () => {
    const earlier = timeOrderedId(1_700_000_000_000, new Uint8Array(10).fill(255));
    const later = timeOrderedId(1_700_000_000_001, new Uint8Array(10));
    expect(earlier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(earlier < later).toBe(true);
  });

  it('normalises addresses for uniqueness (case, spaces, Unicode form)', () => {
    expect(normaliseEmail('  Zoé@Example.COM ')).toBe(normaliseEmail('zoe\u0301@example.com'));
  });

  it('names each invalid field of the public form', () => {
    expect(registrationFormErrors({ name: ' ', email: 'x@y', consent: false })).toEqual({
      name: 'VALIDATION_ERROR.registration_name',
      email: 'VALIDATION_ERROR.registration_email',
      consent: 'VALIDATION_ERROR.registration_consent',
    });
    expect(registrationFormErrors({ name: 'Ana', email: 'ana@example.org', consent: true })).toEqual({});
  });
});

describe('CSV export', () => {
  it('quotes every field, doubles quotes and defuses formulas', () => {
    const csv = registrationsCsv([
      { id: 'r1', organizationId: 'o', eventId: 'e', name: '-2+3', email: 'a@b.fr', emailKey: 'a@b.fr', status: 'WAITLISTED', source: 'api', createdAt: 't', updatedAt: 't', waitlistPosition: 4 },
    ]);
    expect(csv.startsWith('\uFEFF"id","name"')).toBe(true);
    expect(csv).toContain(`"r1","'-2+3","a@b.fr","WAITLISTED","4","t","",""\r\n`);
  });
});

describe('iCalendar', () => {
  it('escapes TEXT values and folds at 75 octets without splitting a character', () => {
    expect(escapeIcsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    const lines = folded.split('\r\n');
    expect(lines.every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });
});

describe('event page pieces', () => {
  it('writes dates in the event zone, across midnight in full', () => {
    expect(eventWhen({ startAt: '2030-01-10T23:30:00Z', endAt: '2030-01-11T01:00:00Z', timezone: 'America/New_York' }, 'fr')).toBe('jeudi 10 janvier 2030 à 18:30 – 20:00');
    expect(eventWhen({ startAt: '2030-01-10T22:30:00Z', endAt: '2030-01-11T01:00:00Z', timezone: 'Europe/Paris' }, 'en')).toBe('Thursday 10 January 2030 at 23:30 – Friday 11 January 2030 at 02:00');
  });

  it('escapes the description, keeps paragraphs and line breaks, links web addresses only', () => {
    expect(descriptionHtml('Un <b>x</b>\nsuite\n\nVoir https://a.example/p?q=1&r=2. Ou javascript:alert(1)')).toBe(
      '<p>Un &lt;b&gt;x&lt;/b&gt;<br>suite</p><p>Voir <a href="https://a.example/p?q=1&amp;r=2" rel="nofollow noopener noreferrer">https://a.example/p?q=1&amp;r=2</a>. Ou javascript:alert(1)</p>',
    );
  });
});
