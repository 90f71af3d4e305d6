/** The technician's secret, revocable iCalendar feed (docs/documents.md, "Calendar feed"). */
import { describe, expect, it } from 'vitest';
import { arrangeCrewWorld, callerOf, ph, technicianShift } from './shifts-world.ts';

const soon = (days: number, hour: number) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00Z`;

describe('calendar feed', () => {
  it('gives a secret URL that answers text/calendar without other auth, until revoked', async () => {
    // prepare
    const { planner, members, eventId } = await arrangeCrewWorld(1);
    const technician = callerOf(members[0]!);
    const shift = await ph('POST', '/v1/shifts', planner, technicianShift(eventId, members[0]!.userId, soon(5, 8), soon(5, 14), { title: 'Montage son, scène A' }));
    // act
    const given = await ph('GET', '/v1/users/me/calendar', technician);
    const again = await ph('GET', '/v1/users/me/calendar', technician);
    const feed = await fetch(given.body.url);
    const ics = await feed.text();
    const revoked = await ph('DELETE', '/v1/users/me/calendar', technician);
    const afterRevoke = await fetch(given.body.url);
    const renewed = await ph('GET', '/v1/users/me/calendar', technician);
    const guessed = await fetch(given.body.url.replace(/[^/]{43}$/, 'A'.repeat(43)));
    // assess
    expect(given.status).toBe(200);
    expect(given.body.url).toMatch(/\/v1\/calendar\/[A-Za-z0-9_-]{43}$/);
    expect(given.body.webcal_url).toMatch(/^webcal:/);
    expect(again.body.url).toBe(given.body.url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain(`UID:${shift.body.id}@`);
    expect(ics).toContain('SUMMARY:Montage son\\, scène A');
    expect(ics).toContain(`DTSTART:${soon(5, 8).replace(/[-:]/g, '')}`);
    expect(revoked.status).toBe(204);
    expect(afterRevoke.status).toBe(404);
    expect(renewed.body.url).not.toBe(given.body.url);
    expect((await fetch(renewed.body.url)).status).toBe(200);
    expect(guessed.status).toBe(404);
  });
});
