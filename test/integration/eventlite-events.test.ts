import { describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { RegistrationEntity } from '../../shared/store/entities/events.ts';
import { admin, api, colleague, outsider, tableClient, uniqueTitle } from './support.ts';

const createEvent = (token: string, body: Record<string, unknown>) => api('POST', '/api/v1/events', { token, body });

describe('POST /api/v1/events', () => {
  it('creates an event with the seed defaults and a folded slug', async () => {
    // prepare
    const title = `Conférence IA ${Date.now()}`;
    // act
    const response = await createEvent(admin().apiKey, { title, mode: 'IN_PERSON', startAt: '2025-03-20T09:00:00.000Z' });
    // assess
    expect(response.status).toBe(201);
    const event = response.body.data;
    expect(event.slug).toBe(`conference-ia-${title.split(' ').at(-1)}`);
    expect(event).toMatchObject({
      title,
      mode: 'IN_PERSON',
      startAt: '2025-03-20T09:00:00.000Z',
      endAt: '2025-03-20T11:00:00.000Z',
      timezone: 'Europe/Paris',
      waitlist: true,
      status: 'DRAFT',
      capacity: null,
      subtitle: null,
      organizerId: 'user_admin',
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(event).sort()).toEqual(
      [
        'id', 'slug', 'title', 'subtitle', 'description', 'coverImage', 'mode', 'location', 'latitude', 'longitude',
        'startAt', 'endAt', 'timezone', 'capacity', 'waitlist', 'status', 'organizerId', 'createdAt', 'updatedAt',
      ].sort(),
    );
  });

  it('gives "Conférence IA 2025" the slug conference-ia-2025 and a suffix to the next one with that title', async () => {
    const first = await createEvent(admin().apiKey, { title: 'Conférence IA 2025', mode: 'ONLINE', startAt: '2025-03-20T09:00:00Z' });
    const second = await createEvent(admin().apiKey, { title: 'Conférence IA 2025', mode: 'ONLINE', startAt: '2025-03-20T09:00:00Z' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const slugs = [first.body.data.slug, second.body.data.slug];
    expect(new Set(slugs).size).toBe(2);
    expect(slugs.every((slug: string) => /^conference-ia-2025(-\d+)?$/.test(slug))).toBe(true);
  });

  it('keeps slugs unique under concurrent creation', async () => {
    const title = uniqueTitle('Concurrent Show');
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => createEvent(admin().apiKey, { title, mode: 'ONLINE', startAt: '2025-05-01T18:00:00Z' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const slugs = responses.map((r) => r.body.data.slug);
    expect(new Set(slugs).size).toBe(8);
  });

  it('accepts every optional field and converts offsets to UTC', async () => {
    const response = await createEvent(admin().apiKey, {
      title: 'Meetup complet',
      subtitle: 'Sous-titre',
      description: 'x'.repeat(5000),
      coverImage: 'https://example.com/cover.png',
      mode: 'IN_PERSON',
      location: '42 rue de la Tech, 75001 Paris',
      latitude: 48.8566,
      longitude: 2.3522,
      startAt: '2025-02-15T20:00:00+01:00',
      endAt: '2025-02-15T23:30:00+01:00',
      timezone: 'America/New_York',
      capacity: 50,
      waitlist: false,
      status: 'PUBLISHED',
    });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({ startAt: '2025-02-15T19:00:00.000Z', endAt: '2025-02-15T22:30:00.000Z', status: 'PUBLISHED', waitlist: false, capacity: 50 });
  });

  it.each([
    [{ mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z' }, 'title'],
    [{ title: 'ab', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z' }, 'title'],
    [{ title: 'x'.repeat(101), mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z' }, 'title'],
    [{ title: 'Valid title', mode: 'HYBRID', startAt: '2025-01-01T00:00:00Z' }, 'mode'],
    [{ title: 'Valid title', mode: 'ONLINE' }, 'startAt'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '15/02/2025' }, 'startAt'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', latitude: 91 }, 'latitude'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', longitude: -181 }, 'longitude'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', subtitle: 'x'.repeat(201) }, 'subtitle'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', description: 'x'.repeat(5001) }, 'description'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', status: 'CLOSED' }, 'status'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', capacity: 2.5 }, 'capacity'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', timezone: 'Mars/Olympus' }, 'timezone'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', endAt: '2024-12-31T23:00:00Z' }, 'endAt'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', organizerId: 'user_999' }, 'organizerId'],
    [{ title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z', confirmed_count: 99 }, 'confirmed_count'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const response = await createEvent(admin().apiKey, body);
    expect(response.status).toBe(400);
    expect(typeof response.body.error).toBe('string');
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers in English with Accept-Language: en', async () => {
    const response = await api('POST', '/api/v1/events', { token: admin().apiKey, body: { title: 'ab' }, headers: { 'accept-language': 'en-GB' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/^Invalid data: /);
  });

  it('is 401 with the seed message without a valid key', async () => {
    for (const token of [undefined, 'wrong', 'elk_' + 'A'.repeat(43)]) {
      const response = await createEvent(token as string, { title: 'Valid title', mode: 'ONLINE', startAt: '2025-01-01T00:00:00Z' });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'Unauthorized - Invalid or missing API key' });
    }
  });
});

describe('GET /api/v1/events', () => {
  it("lists the caller's organisation's events with pagination and registrations_count", async () => {
    const response = await api('GET', '/api/v1/events?limit=100', { token: admin().apiKey });
    expect(response.status).toBe(200);
    expect(response.body.pagination).toMatchObject({ limit: 100, offset: 0 });
    expect(response.body.pagination.total).toBeGreaterThanOrEqual(1);
    const meetup = response.body.data.find((e: { slug: string }) => e.slug === 'meetup-ia-paris');
    expect(meetup.registrations_count).toBe(2);
    const others = await api('GET', '/api/v1/events?limit=100', { token: outsider().apiKey });
    expect(others.body.data.find((e: { slug: string }) => e.slug === 'meetup-ia-paris')).toBeUndefined();
  });

  it('pages with limit and offset and reports has_more', async () => {
    // prepare: an organisation-wide list that has at least 3 events
    for (let i = 0; i < 3; i++) await createEvent(colleague().apiKey, { title: uniqueTitle('Paged'), mode: 'ONLINE', startAt: `2030-01-0${i + 1}T10:00:00Z` });
    const all = await api('GET', '/api/v1/events?limit=100', { token: colleague().apiKey });
    const total = all.body.pagination.total;
    // act
    const page = await api('GET', '/api/v1/events?limit=2&offset=1', { token: colleague().apiKey });
    // assess
    expect(page.body.pagination).toEqual({ total, limit: 2, offset: 1, has_more: 1 + 2 < total });
    expect(page.body.data.map((e: { id: string }) => e.id)).toEqual(all.body.data.slice(1, 3).map((e: { id: string }) => e.id));
    const starts = all.body.data.map((e: { startAt: string }) => e.startAt);
    expect([...starts].sort()).toEqual(starts);
  });

  it('filters by status', async () => {
    const response = await api('GET', '/api/v1/events?status=PUBLISHED&limit=100', { token: admin().apiKey });
    expect(response.status).toBe(200);
    expect(response.body.data.length).toBeGreaterThan(0);
    expect(response.body.data.every((e: { status: string }) => e.status === 'PUBLISHED')).toBe(true);
  });

  it.each(['limit=101', 'limit=0', 'offset=-1', 'status=OPEN', 'limit=abc'])('refuses %s', async (query) => {
    const response = await api('GET', `/api/v1/events?${query}`, { token: admin().apiKey });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe(query.split('=')[0]);
  });
});

describe('GET /api/v1/events/{id}', () => {
  it('finds an event by id and by slug with organizer and counters', async () => {
    const byId = await api('GET', '/api/v1/events/6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', { token: admin().apiKey });
    const bySlug = await api('GET', '/api/v1/events/meetup-ia-paris', { token: colleague().apiKey });
    expect(byId.status).toBe(200);
    expect(bySlug.body).toEqual(byId.body);
    expect(byId.body.data).toMatchObject({
      organizer: { id: 'user_admin', name: 'Admin EventLite', email: 'admin@eventlite.fr' },
      confirmed_count: 2,
      waitlist_count: 0,
      total_registrations: 2,
    });
  });

  it("does not reveal another organisation's event, by id or by slug", async () => {
    for (const id of ['6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', 'meetup-ia-paris']) {
      const response = await api('GET', `/api/v1/events/${id}`, { token: outsider().apiKey });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Event not found' });
    }
  });
});

describe('PATCH /api/v1/events/{id}', () => {
  it('changes only the fields sent', async () => {
    const created = await createEvent(admin().apiKey, { title: uniqueTitle('Patch me'), mode: 'ONLINE', startAt: '2025-06-01T18:00:00Z', capacity: 10 });
    const before = created.body.data;
    const response = await api('PATCH', `/api/v1/events/${before.id}`, { token: admin().apiKey, body: { capacity: 100, subtitle: 'Nouveau' } });
    expect(response.status).toBe(200);
    const { updatedAt, capacity, subtitle, ...rest } = response.body.data;
    const { updatedAt: _u, capacity: _c, subtitle: _s, ...restBefore } = before;
    expect({ capacity, subtitle }).toEqual({ capacity: 100, subtitle: 'Nouveau' });
    expect(rest).toEqual(restBefore);
    expect(Date.parse(updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
  });

  it('keeps endAt after startAt, against the stored value too', async () => {
    const created = await createEvent(admin().apiKey, { title: uniqueTitle('Times'), mode: 'ONLINE', startAt: '2025-06-01T18:00:00Z' });
    const id = created.body.data.id;
    const late = await api('PATCH', `/api/v1/events/${id}`, { token: admin().apiKey, body: { startAt: '2025-06-01T21:00:00Z' } });
    expect(late.status).toBe(400);
    expect(late.body.details[0].field).toBe('endAt');
    const moved = await api('PATCH', `/api/v1/events/${id}`, { token: admin().apiKey, body: { startAt: '2025-06-01T19:00:00Z' } });
    expect(moved.status).toBe(200);
    expect(moved.body.data.endAt).toBe('2025-06-01T20:00:00.000Z');
  });

  it('follows the status state machine: a cancelled event stays cancelled', async () => {
    const created = await createEvent(admin().apiKey, { title: uniqueTitle('Lifecycle'), mode: 'ONLINE', startAt: '2025-06-01T18:00:00Z' });
    const id = created.body.data.id;
    const steps: [string, number][] = [
      ['CLOSED', 400],
      ['PUBLISHED', 200],
      ['CLOSED', 200],
      ['PUBLISHED', 200],
      ['CANCELLED', 200],
      ['PUBLISHED', 400],
      ['DRAFT', 400],
    ];
    for (const [status, expected] of steps) {
      const response = await api('PATCH', `/api/v1/events/${id}`, { token: admin().apiKey, body: { status } });
      expect([status, response.status]).toEqual([status, expected]);
    }
    const final = await api('GET', `/api/v1/events/${id}`, { token: admin().apiKey });
    expect(final.body.data.status).toBe('CANCELLED');
  });

  it("refuses another user's event with the seed's 403", async () => {
    const response = await api('PATCH', '/api/v1/events/meetup-ia-paris', { token: colleague().apiKey, body: { title: 'Hijacked' } });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ error: "Forbidden - You don't own this event" });
  });

  it('refuses an empty body, unknown fields and read-only fields', async () => {
    for (const body of [{}, { organizerId: 'user_456' }, { slug: 'mine' }, { registrations_count: 3 }]) {
      const response = await api('PATCH', '/api/v1/events/meetup-ia-paris', { token: admin().apiKey, body });
      expect(response.status).toBe(400);
    }
  });

  it('cannot lower capacity below the confirmed registrations', async () => {
    const response = await api('PATCH', '/api/v1/events/meetup-ia-paris', { token: admin().apiKey, body: { capacity: 1 } });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('capacity');
  });
});

describe('DELETE /api/v1/events/{id}', () => {
  it('deletes the event, its registrations (in batches) and its slug marker', async () => {
    // prepare: an event with 60 registrations, more than two BatchWriteItem batches
    const created = await createEvent(admin().apiKey, { title: uniqueTitle('To delete'), mode: 'ONLINE', startAt: '2025-06-01T18:00:00Z' });
    const { id, slug } = created.body.data;
    const { client, tableName } = tableClient();
    const childPk = `ORG#org_123#EVENT#${id}`;
    for (let i = 0; i < 60; i++) {
      await client.send(new PutCommand({ TableName: tableName, Item: RegistrationEntity.toItem({ organizationId: 'org_123', eventId: id, id: String(i) }) }));
    }
    // act
    const response = await api('DELETE', `/api/v1/events/${slug}`, { token: admin().apiKey });
    // assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ message: 'Event deleted successfully' });
    const children = await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': childPk } }));
    expect(children.Count).toBe(0);
    const marker = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `SLUG#${slug}`, sk: 'SLUG' } }));
    expect(marker.Item).toBeUndefined();
    expect((await api('GET', `/api/v1/events/${id}`, { token: admin().apiKey })).status).toBe(404);
    expect((await api('DELETE', `/api/v1/events/${id}`, { token: admin().apiKey })).status).toBe(404);
  });

  it("refuses another user's event and leaves it intact", async () => {
    const response = await api('DELETE', '/api/v1/events/meetup-ia-paris', { token: colleague().apiKey });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ error: "Forbidden - You don't own this event" });
    expect((await api('GET', '/api/v1/events/meetup-ia-paris', { token: admin().apiKey })).status).toBe(200);
  });
});
