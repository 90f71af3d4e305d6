/**
 * EventLite's public pages through the local gateway: the event page (HTML, languages, time
 * zone, escaping, Open Graph, JSON-LD, CSP, ETag), the registration form and the private page,
 * cancellation with CSRF protection, the calendar file, and HTML (never JSON) errors.
 */
import { describe, expect, it } from 'vitest';
import { api, arrangeOrganization, baseUrl, uniqueTitle, type ArrangedMember } from './support.ts';

async function publishedEvent(owner: ArrangedMember, fields: Record<string, unknown> = {}) {
  const response = await api('POST', '/api/v1/events', {
    token: owner.apiKey,
    body: {
      title: uniqueTitle('Soirée'),
      subtitle: 'Concerts & rencontres',
      description: 'Premier paragraphe <script>alert(1)</script>\n\nSecond paragraphe, voir https://example.org/programme.',
      mode: 'IN_PERSON',
      location: '42 rue Tech, Paris',
      latitude: 48.8566,
      longitude: 2.3522,
      startAt: '2030-06-01T18:00:00Z',
      endAt: '2030-06-01T20:00:00Z',
      timezone: 'Europe/Paris',
      capacity: 3,
      status: 'PUBLISHED',
      ...fields,
    },
  });
  expect(response.status).toBe(201);
  return response.body.data as { id: string; slug: string };
}

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const form = (n: number | string, extra: Record<string, string> = {}) => ({ name: `Personne ${n}`, email: `personne${n}@example.com`, consent: 'yes', website: '', ...extra });

describe('GET /e/{slug}', () => {
  it('renders the event in French in its time zone, escaped, with Open Graph, JSON-LD, canonical URL, CSP, ETag and a short cache', async () => {
    // prepare
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!);
    // act
    const page = await get(`/e/${event.slug}`);
    // assess
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toMatch(/^<!DOCTYPE html><html lang="fr">/);
    expect(page.text).toContain('samedi 1 juin 2030 à 20:00 – 22:00');
    expect(page.text).toContain('3 places restantes');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('<p>Premier paragraphe &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Second paragraphe, voir <a href="https://example.org/programme"');
    expect(page.text).toContain('Concerts &amp; rencontres');
    expect(page.text).toContain('https://www.openstreetmap.org/?mlat=48.8566&amp;mlon=2.3522');
    expect(page.text).toContain(`<link rel="canonical" href="${baseUrl()}/e/${event.slug}">`);
    expect(page.text).toContain('<meta property="og:title"');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(page.text)![1]!);
    expect(ld).toMatchObject({ '@type': 'Event', startDate: '2030-06-01T20:00:00+02:00', endDate: '2030-06-01T22:00:00+02:00', eventStatus: 'https://schema.org/EventScheduled' });
    expect(page.text.replace(/<script type="application\/ld\+json">.*?<\/script>/, '')).not.toMatch(/<script/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(Buffer.byteLength(page.text)).toBeLessThan(30 * 1024);
    expect(page.headers.get('cache-control')).toBe('public, max-age=30');
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await get(`/e/${event.slug}`, { 'if-none-match': etag })).status).toBe(304);
  });

  it('speaks English with Accept-Language: en', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!);
    const page = await get(`/e/${event.slug}`, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(page.text).toMatch(/<html lang="en">/);
    expect(page.text).toContain('Saturday 1 June 2030 at 20:00 – 22:00');
    expect(page.text).toContain('3 places left');
  });

  it('answers an HTML 404 for a draft and for an unknown slug', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const draft = await publishedEvent(owner!, { status: 'DRAFT' });
    for (const path of [`/e/${draft.slug}`, '/e/nothing-here-at-all', `/e/${draft.slug}/calendar.ics`]) {
      const page = await get(path);
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.text).toContain('Page introuvable');
    }
  });

  it.each([
    ['CLOSED', 'Inscriptions fermées'],
    ['CANCELLED', 'Événement annulé'],
  ])('says %s and shows no form', async (status, text) => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!);
    expect((await api('PATCH', `/api/v1/events/${event.id}`, { token: owner!.apiKey, body: { status } })).status).toBe(200);
    const page = await get(`/e/${event.slug}`);
    expect(page.text).toContain(text);
    expect(page.text).not.toContain('<form');
  });
});

describe('registering from the page', () => {
  it('303s to the private page, which shows the status, and cancels with its CSRF-protected form', async () => {
    // prepare
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!);
    // act
    const registered = await post(`/e/${event.slug}/register`, form(1));
    // assess
    expect(registered.status).toBe(303);
    const location = registered.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/e/${event.slug}/r/[A-Za-z0-9_-]{43}$`));
    expect(registered.headers.get('ratelimit-limit')).not.toBeNull();
    const mine = await get(location);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Inscription confirmée');
    expect(mine.headers.get('cache-control')).toBe('no-store');
    expect(mine.headers.get('referrer-policy')).toBe('same-origin');
    // Personal data stays off the public page.
    expect((await get(`/e/${event.slug}`)).text).not.toContain('Personne 1');
    expect((await get(`/e/${event.slug}`)).text).toContain('2 places restantes');
    const csrf = /name="csrf" value="([^"]+)"/.exec(mine.text)![1]!;
    // A forged form (no or wrong CSRF value, or from another site) is refused.
    const forged = await post(`${location}/cancel`, { csrf: 'x'.repeat(csrf.length) });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await post(`${location}/cancel`, { csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(`${location}/cancel`, { csrf }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get(location)).text).toContain('Inscription confirmée');
    const cancelled = await post(`${location}/cancel`, { csrf }, { origin: baseUrl() });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe(location);
    const after = await get(location);
    expect(after.text).toContain('Inscription annulée');
    expect(after.text).not.toContain('name="csrf"');
    const counters = await api('GET', `/api/v1/events/${event.id}`, { token: owner!.apiKey });
    expect(counters.body.data).toMatchObject({ confirmed_count: 0, waitlist_count: 0 });
  });

  it('puts latecomers on the waitlist with their position once the event is full', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!, { capacity: 1 });
    await post(`/e/${event.slug}/register`, form('a'));
    expect((await get(`/e/${event.slug}`)).text).toContain("Complet : liste d&#39;attente");
    const second = await post(`/e/${event.slug}/register`, form('b'));
    const third = await post(`/e/${event.slug}/register`, form('c'));
    expect((await get(second.headers.get('location')!)).text).toContain("Sur liste d&#39;attente : position 1");
    expect((await get(third.headers.get('location')!)).text).toContain("Sur liste d&#39;attente : position 2");
  });

  it('re-renders the form with errors next to the fields and the values kept', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!);
    const page = await post(`/e/${event.slug}/register`, { name: '<b>Zoé</b>', email: 'pas-une-adresse', website: '' });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('value="&lt;b&gt;Zoé&lt;/b&gt;"');
    expect(page.text).toContain('value="pas-une-adresse" aria-invalid="true" aria-describedby="f-email-error"');
    expect(page.text).toContain('<p class="error" id="f-email-error">Indiquez une adresse e-mail valide</p>');
    expect(page.text).toContain('id="f-consent-error"');
    expect(page.text).not.toContain('id="f-name-error"');
  });

  it('drops a filled honeypot without registering', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!);
    const bot = await post(`/e/${event.slug}/register`, form('bot', { website: 'http://spam.example' }));
    expect(bot.status).toBe(303);
    expect(bot.headers.get('location')).toBe(`/e/${event.slug}`);
    const list = await api('GET', `/api/v1/events/${event.id}/registrations`, { token: owner!.apiKey });
    expect(list.body.data).toEqual([]);
  });

  it('a second submission of the same address shows the existing registration to its browser, a refusal to others', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!);
    const first = await post(`/e/${event.slug}/register`, form('dup'));
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
    const again = await post(`/e/${event.slug}/register`, form('dup', { email: 'PersonneDup@Example.com' }), { cookie });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const stranger = await post(`/e/${event.slug}/register`, form('dup'));
    expect(stranger.status).toBe(409);
    expect(stranger.text).toContain('Cette adresse e-mail est déjà inscrite à cet événement');
    expect(stranger.text).not.toContain(first.headers.get('location')!);
  });

  it('refuses another content type with an HTML 415', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!);
    const response = await fetch(`${baseUrl()}/e/${event.slug}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});

describe('GET /e/{slug}/calendar.ics', () => {
  it('is an RFC 5545 calendar with UTC times, escaped text and folded lines', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!, { title: uniqueTitle('Nuit, courte; très longue ' + 'é'.repeat(40)) });
    const ics = await get(`/e/${event.slug}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const lines = ics.text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('DTSTART:20300601T180000Z');
    expect(lines).toContain('DTEND:20300601T200000Z');
    expect(lines).toContain(`UID:${event.id}@127.0.0.1`);
    expect(ics.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(lines.every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const unfolded = ics.text.replace(/\r\n /g, '');
    expect(unfolded).toMatch(/SUMMARY:Nuit\\, courte\\; très longue/);
    expect(ics.text).not.toMatch(/[^\r]\n/);
  });
});

describe('unknown paths under /e/', () => {
  it('answer an HTML 404 (and 405 with Allow for another method), not the API JSON', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await publishedEvent(owner!);
    const unknown = await get(`/e/${event.slug}/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const wrongMethod = await fetch(`${baseUrl()}/e/${event.slug}/calendar.ics`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(wrongMethod.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});
