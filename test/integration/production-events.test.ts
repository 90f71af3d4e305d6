import { beforeAll, describe, expect, it, inject } from 'vitest';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { MembershipEntity, UserEntity } from '../../shared/store/entities/identity.ts';
import { admin, api, colleague, outsider, tableClient, uniqueTitle, type ApiResponse } from './support.ts';
import { jazzAJuanRequest } from '../../local/demo-productions.ts';

/** The PlanningHub spec's POST /events example, verbatim (also the demo data's). */
const specRequest = jazzAJuanRequest;
const specSteps = ['Assigner un régisseur général', 'Importer les riders techniques des artistes', 'Planifier les répétitions techniques'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Caller {
  accessToken: string;
  organizationId: string;
}

/** A PlanningHub request: bearer access token and X-Organization-ID, as the spec's clients send them. */
const ph = (method: string, path: string, caller: Caller, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse> =>
  api(method, path, { token: caller.accessToken, body: options.body, headers: { 'x-organization-id': caller.organizationId, ...options.headers } });

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An access token from the local development issuer, signed with its key (as jwt.test.ts does). */
function accessTokenFor(userId: string, organizationId: string): string {
  const kid = JSON.parse(Buffer.from(admin().accessToken.split('.')[0]!, 'base64url').toString()).kid;
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid };
  const payload = {
    iss: 'https://dev-issuer.planninghub.local/',
    aud: 'https://planninghub-spectacle.fr/api',
    sub: userId,
    iat: now,
    exp: now + 3600,
    'https://planninghub-spectacle.fr/org_id': organizationId,
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const key = createPrivateKey(readFileSync(join(inject('issuerKeyDir'), 'dev-issuer-private.pem')));
  return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), key))}`;
}

type Member = Caller & { userId: string; email: string };

/**
 * A new user, member of `organizationId` with exactly `roles` (an organisation exists through its
 * memberships). Fresh callers also keep each test's requests within its own rate-limit window.
 */
async function newMember(roles: string[], organizationId = 'org_123'): Promise<Member> {
  const userId = `user_${randomUUID().slice(0, 8)}`;
  const email = `${userId}@test.example`;
  const createdAt = new Date().toISOString();
  const { client, tableName } = tableClient();
  await client.send(
    new PutCommand({ TableName: tableName, Item: UserEntity.toItem({ id: userId, email, firstName: 'Test', lastName: roles.join(' '), phone: null, createdAt }) }),
  );
  await client.send(
    new PutCommand({ TableName: tableName, Item: MembershipEntity.toItem({ organizationId, userId, roles, createdAt }) }),
  );
  return { userId, email, organizationId, accessToken: accessTokenFor(userId, organizationId) };
}

/**
 * An admin of org_123 for the tests of one describe block, with an EventLite API key too (issued
 * by the API to its access token), so no test here spends the shared demo users' rate limits.
 */
function plannerOfBlock(): () => Member & { apiKey: string } {
  let planner: (Member & { apiKey: string }) | undefined;
  beforeAll(async () => {
    const member = await newMember(['admin']);
    const issued = await api('POST', '/api/v1/api-keys', { token: member.accessToken, body: { name: 'production-events test' } });
    expect(issued.status).toBe(201);
    planner = { ...member, apiKey: issued.body.data.key };
  });
  return () => planner!;
}

const createProduction = (caller: Caller, body: Record<string, unknown>) => ph('POST', '/v1/events', caller, { body });

async function walk(caller: Caller, query: string): Promise<{ pages: ApiResponse[]; ids: string[] }> {
  const pages: ApiResponse[] = [];
  let cursor: string | null = null;
  do {
    const page = await ph('GET', `/v1/events?${query}${cursor ? `&cursor=${cursor}` : ''}`, caller);
    expect(page.status).toBe(200);
    pages.push(page);
    cursor = page.body.next_cursor;
  } while (cursor && pages.length < 50);
  return { pages, ids: pages.flatMap((page) => page.body.results.map((event: { id: string }) => event.id)) };
}

const fields = (response: ApiResponse) => response.body.error.details.map((detail: { field: string }) => detail.field);

describe('POST /v1/events', () => {
  const planner = plannerOfBlock();

  it('replays the spec example: 201, planning, the stored requirements and the three next steps', async () => {
    // act
    const response = await createProduction(planner(), specRequest);
    // assess
    expect(response.status).toBe(201);
    expect(Object.keys(response.body)).toEqual(['id', 'status', 'technical_requirements', 'next_steps']);
    expect(response.body).toEqual({
      id: expect.stringMatching(UUID),
      status: 'planning',
      technical_requirements: specRequest.technical_requirements,
      next_steps: specSteps,
    });
    expect(response.headers.get('location')).toBe(`/v1/events/${response.body.id}`);
  });

  it('shows the new event on EventLite as an in-person DRAFT titled with its name', async () => {
    // prepare
    const created = await createProduction(planner(), specRequest);
    // act
    const eventLite = await api('GET', `/api/v1/events/${created.body.id}`, { token: planner().apiKey });
    // assess
    expect(eventLite.status).toBe(200);
    const { slug, createdAt, updatedAt, ...rest } = eventLite.body.data;
    expect(slug).toMatch(/^festival-jazz-a-juan-2024(-[a-z0-9]+)?$/);
    expect(updatedAt).toBe(createdAt);
    expect(rest).toEqual({
      id: created.body.id,
      title: 'Festival Jazz a Juan 2024',
      subtitle: null,
      description: '25eme edition du festival de jazz en plein air.',
      coverImage: null,
      mode: 'IN_PERSON',
      location: 'Pinede Gould, 62 Bd de la Croisette, 06160 Antibes',
      latitude: null,
      longitude: null,
      startAt: '2024-07-14T22:00:00.000Z',
      endAt: '2024-07-22T22:00:00.000Z',
      timezone: 'Europe/Paris',
      capacity: null,
      waitlist: true,
      status: 'DRAFT',
      organizerId: planner().userId,
      organizer: { id: planner().userId, name: 'Test admin', email: planner().email },
      confirmed_count: 0,
      waitlist_count: 0,
      total_registrations: 0,
    });
  });

  it('gives each production its own slug', async () => {
    const name = uniqueTitle('Tournée Été');
    const first = await createProduction(planner(), { name, start_date: '2031-06-01', end_date: '2031-06-02' });
    const second = await createProduction(planner(), { name, start_date: '2031-06-01', end_date: '2031-06-02' });
    const slugs = await Promise.all(
      [first, second].map(async (created) => (await ph('GET', `/v1/events/${created.body.id}`, planner())).body.slug),
    );
    expect(slugs).toEqual([`tournee-ete-${name.split(' ').at(-1)}`, `tournee-ete-${name.split(' ').at(-1)}-2`]);
  });

  it('refuses a breakdown over the total with 400 naming budget.breakdown, and writes nothing', async () => {
    // prepare
    const name = uniqueTitle('Over budget');
    // act
    const response = await createProduction(planner(), { ...specRequest, name, budget: { total: 100, breakdown: { sound: 60, lighting: 40.5 } } });
    // assess
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'VALIDATION_ERROR',
        message: 'La somme des lignes (100.5) dépasse le total du budget (100)',
        details: [{ field: 'budget.breakdown', message: 'The budget lines add up to 100.5, more than the total (100)' }],
      },
    });
    const listed = await ph('GET', `/v1/events?q=${encodeURIComponent(name)}`, planner());
    expect(listed.body.count).toBe(0);
  });

  it('refuses an end_date before the start_date with 400 naming end_date', async () => {
    const response = await createProduction(planner(), { name: 'Backwards', start_date: '2024-07-15', end_date: '2024-07-14' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(fields(response)).toEqual(['end_date']);
  });

  it.each([
    [{ organizer_id: 'user_999' }, 'organizer_id'],
    [{ organization_id: 'org_999' }, 'organization_id'],
    [{ status: 'published' }, 'status'],
    [{ slug: 'mine' }, 'slug'],
    [{ registrations_count: 3 }, 'registrations_count'],
    [{ venue: { ...specRequest.venue, parking: true } }, 'venue.parking'],
    [{ technical_requirements: { sound: { subwoofers: 4 } } }, 'technical_requirements.sound.subwoofers'],
    [{ budget: { total: 100, breakdown: { sound: -1 } } }, 'budget.breakdown.sound'],
    [{ budget: { total: -1 } }, 'budget.total'],
    [{ start_date: '2024-02-30' }, 'start_date'],
    [{ end_date: '2024-07-22T00:00:00Z' }, 'end_date'],
    [{ name: 'ab' }, 'name'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ venue: { name: 'Salle', technical_contact: { name: 'P', email: 'not-an-email' } } }, 'venue.technical_contact.email'],
  ])('refuses %j with 400 naming %s', async (change, field) => {
    const response = await createProduction(planner(), { ...specRequest, ...change });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(fields(response)).toContain(field);
  });

  it('refuses a technician with 403 and lets a stage manager create', async () => {
    // prepare
    const technician = await newMember(['technician']);
    // act
    const refused = await createProduction(technician, specRequest);
    const allowed = await createProduction(colleague(), { ...specRequest, name: uniqueTitle('Par le régisseur') });
    // assess
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('INSUFFICIENT_ROLE');
    expect(allowed.status).toBe(201);
    expect((await ph('GET', `/v1/events/${allowed.body.id}`, planner())).body.organizer_id).toBe('user_456');
  });

  it('requires X-Organization-ID', async () => {
    const response = await api('POST', '/v1/events', { token: planner().accessToken, body: specRequest });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('MISSING_ORGANIZATION_ID');
  });

  it('answers the next steps in English with Accept-Language: en', async () => {
    const response = await ph('POST', '/v1/events', planner(), { body: specRequest, headers: { 'accept-language': 'en' } });
    expect(response.body.next_steps).toEqual(['Assign a general stage manager', "Import the artists' technical riders", 'Schedule the technical rehearsals']);
  });
});

describe('GET /v1/events/{id}', () => {
  const planner = plannerOfBlock();

  it('returns the full production view of what was created', async () => {
    // prepare
    const created = await createProduction(planner(), specRequest);
    // act
    const response = await ph('GET', `/v1/events/${created.body.id}`, colleague());
    // assess
    expect(response.status).toBe(200);
    const { slug, created_at, updated_at, ...rest } = response.body;
    expect(slug).toMatch(/^festival-jazz-a-juan-2024(-[a-z0-9]+)?$/);
    expect(Date.parse(created_at)).toBeGreaterThan(0);
    expect(updated_at).toBe(created_at);
    expect(rest).toEqual({
      id: created.body.id,
      ...specRequest,
      timezone: 'Europe/Paris',
      status: 'planning',
      organizer_id: planner().userId,
      next_steps: specSteps,
    });
  });

  it('maps an event created on EventLite: local dates, published, no venue or budget', async () => {
    // prepare
    const title = uniqueTitle('Meetup EventLite');
    const created = await api('POST', '/api/v1/events', {
      token: planner().apiKey,
      body: { title, description: 'Soirée', mode: 'ONLINE', location: 'https://visio.example', startAt: '2025-02-15T22:30:00+01:00', endAt: '2025-02-16T01:00:00+01:00', status: 'PUBLISHED' },
    });
    const { id, slug, createdAt, updatedAt } = created.body.data;
    // act
    const response = await ph('GET', `/v1/events/${id}`, planner());
    // assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id,
      name: title,
      description: 'Soirée',
      start_date: '2025-02-15',
      end_date: '2025-02-16',
      timezone: 'Europe/Paris',
      status: 'published',
      venue: null,
      technical_requirements: {},
      budget: null,
      slug,
      created_at: createdAt,
      updated_at: updatedAt,
      organizer_id: planner().userId,
      next_steps: specSteps,
    });
  });

  it("lets any member read, and answers 404 for another organisation's event", async () => {
    // prepare
    const created = await createProduction(planner(), { ...specRequest, name: uniqueTitle('Privé') });
    const technician = await newMember(['technician']);
    // act
    const byTechnician = await ph('GET', `/v1/events/${created.body.id}`, technician);
    const byOutsider = await ph('GET', `/v1/events/${created.body.id}`, outsider());
    const unknown = await ph('GET', `/v1/events/${randomUUID()}`, planner());
    // assess
    expect(byTechnician.status).toBe(200);
    expect(byOutsider.status).toBe(404);
    expect(byOutsider.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Événement introuvable' } });
    expect(unknown.status).toBe(404);
  });

  it("refuses an organisation the caller is not a member of with 403", async () => {
    const response = await ph('GET', '/v1/events', { accessToken: outsider().accessToken, organizationId: 'org_123' });
    expect(response.status).toBe(403);
  });
});

describe('PATCH /v1/events/{id}', () => {
  const planner = plannerOfBlock();

  it('changes only the fields sent; EventLite sees the change', async () => {
    // prepare
    const created = await createProduction(planner(), specRequest);
    const before = (await ph('GET', `/v1/events/${created.body.id}`, planner())).body;
    // act
    // An admin (not the organiser): a stage manager no longer edits another's production (docs/roles.md).
    const response = await ph('PATCH', `/v1/events/${created.body.id}`, admin(), {
      body: { name: 'Jazz a Juan 2024', end_date: '2024-07-23', status: 'published', budget: { total: 160000, breakdown: { sound: 60000 } } },
    });
    // assess
    expect(response.status).toBe(200);
    const { updated_at, ...after } = response.body;
    expect(after).toEqual({
      ...before,
      updated_at: undefined,
      name: 'Jazz a Juan 2024',
      end_date: '2024-07-23',
      status: 'published',
      budget: { total: 160000, breakdown: { sound: 60000 } },
    });
    expect(Date.parse(updated_at)).toBeGreaterThanOrEqual(Date.parse(before.updated_at));
    const eventLite = await api('GET', `/api/v1/events/${created.body.id}`, { token: planner().apiKey });
    expect(eventLite.body.data).toMatchObject({ title: 'Jazz a Juan 2024', status: 'PUBLISHED', slug: before.slug, endAt: '2024-07-23T22:00:00.000Z' });
  });

  it('keeps the hours of an EventLite event on the side not sent', async () => {
    const created = await api('POST', '/api/v1/events', { token: planner().apiKey, body: { title: uniqueTitle('Concert'), mode: 'IN_PERSON', startAt: '2025-02-15T19:00:00Z' } });
    const response = await ph('PATCH', `/v1/events/${created.body.data.id}`, planner(), { body: { end_date: '2025-02-16', venue: { name: 'Olympia', address: '28 Bd des Capucines, Paris' } } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ start_date: '2025-02-15', end_date: '2025-02-16', venue: { name: 'Olympia', address: '28 Bd des Capucines, Paris', capacity: null, technical_contact: null } });
    const eventLite = await api('GET', `/api/v1/events/${created.body.data.id}`, { token: planner().apiKey });
    expect(eventLite.body.data).toMatchObject({ startAt: '2025-02-15T19:00:00.000Z', endAt: '2025-02-16T23:00:00.000Z', location: 'Olympia, 28 Bd des Capucines, Paris' });
  });

  it('follows the EventLite state machine: a cancelled event stays cancelled and has no next steps', async () => {
    const created = await createProduction(planner(), { name: uniqueTitle('Cycle'), start_date: '2031-01-01', end_date: '2031-01-01' });
    const steps: [string, number][] = [
      ['closed', 400],
      ['published', 200],
      ['closed', 200],
      ['cancelled', 200],
      ['planning', 400],
    ];
    for (const [status, expected] of steps) {
      const response = await ph('PATCH', `/v1/events/${created.body.id}`, planner(), { body: { status } });
      expect([status, response.status]).toEqual([status, expected]);
    }
    const final = await ph('GET', `/v1/events/${created.body.id}`, planner());
    expect({ status: final.body.status, next_steps: final.body.next_steps }).toEqual({ status: 'cancelled', next_steps: [] });
    const refused = await ph('PATCH', `/v1/events/${created.body.id}`, planner(), { body: { status: 'planning' } });
    expect(refused.body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'Transition de statut interdite : cancelled -> planning (un événement annulé le reste)',
      details: [{ field: 'status', message: 'Invalid status transition: cancelled -> planning (a cancelled event stays cancelled)' }],
    });
  });

  it('refuses a budget over its total, dates out of order and unknown fields', async () => {
    const created = await createProduction(planner(), specRequest);
    const path = `/v1/events/${created.body.id}`;
    const overBudget = await ph('PATCH', path, planner(), { body: { budget: { total: 10, breakdown: { sound: 11 } } } });
    expect([overBudget.status, fields(overBudget)]).toEqual([400, ['budget.breakdown']]);
    const tooEarly = await ph('PATCH', path, planner(), { body: { end_date: '2024-07-14' } });
    expect([tooEarly.status, fields(tooEarly)]).toEqual([400, ['end_date']]);
    for (const body of [{}, { organizer_id: 'user_456' }, { slug: 'x' }, { mode: 'ONLINE' }]) {
      expect((await ph('PATCH', path, planner(), { body })).status).toBe(400);
    }
    expect((await ph('GET', path, planner())).body.budget).toEqual(specRequest.budget);
  });

  it('refuses a technician with 403 and leaves the event intact', async () => {
    const created = await createProduction(planner(), specRequest);
    const technician = await newMember(['technician']);
    const response = await ph('PATCH', `/v1/events/${created.body.id}`, technician, { body: { name: 'Hijacked' } });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('INSUFFICIENT_ROLE');
    expect((await ph('GET', `/v1/events/${created.body.id}`, planner())).body.name).toBe(specRequest.name);
  });

  it("answers 404 for another organisation's event and leaves it intact", async () => {
    const created = await createProduction(planner(), specRequest);
    const response = await ph('PATCH', `/v1/events/${created.body.id}`, outsider(), { body: { name: 'Hijacked' } });
    expect(response.status).toBe(404);
    expect((await ph('GET', `/v1/events/${created.body.id}`, planner())).body.name).toBe(specRequest.name);
  });
});

describe('GET /v1/events', () => {
  const planner = plannerOfBlock();

  /** A fresh organisation, so that the pages hold exactly what the test created. */
  async function organisationWith(dates: [string, string][]) {
    const owner = await newMember(['admin'], `org_${randomUUID().slice(0, 8)}`);
    const ids: string[] = [];
    for (const [start, end] of dates) {
      const created = await createProduction(owner, { name: `Production ${start}`, start_date: start, end_date: end });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    return { owner, ids };
  }

  it('walks every page once, sorted by start, with limit 20 by default', async () => {
    // prepare: created out of order
    const { owner, ids } = await organisationWith([
      ['2030-05-01', '2030-05-01'],
      ['2030-01-01', '2030-01-03'],
      ['2030-03-01', '2030-03-01'],
      ['2030-02-01', '2030-02-01'],
      ['2030-07-01', '2030-07-02'],
      ['2030-06-01', '2030-06-01'],
      ['2030-04-01', '2030-04-01'],
    ]);
    const byStart = [ids[1], ids[3], ids[2], ids[6], ids[0], ids[5], ids[4]];
    // act
    const { pages, ids: walked } = await walk(owner, 'limit=3');
    const single = await ph('GET', '/v1/events', owner);
    // assess
    expect(pages.map((page) => page.body.count)).toEqual([3, 3, 1]);
    expect(pages.map((page) => page.body.next_cursor === null)).toEqual([false, false, true]);
    expect(walked).toEqual(byStart);
    expect(single.body.count).toBe(7);
    expect(single.body.next_cursor).toBeNull();
    expect(Object.keys(single.body)).toEqual(['count', 'results', 'next_cursor']);
    expect(single.body.results[0]).toMatchObject({ id: ids[1], start_date: '2030-01-01', end_date: '2030-01-03', status: 'planning' });
  });

  it('filters by status, by date range (overlap, local dates) and by name, across pages', async () => {
    // prepare
    const { owner, ids } = await organisationWith([
      ['2030-01-01', '2030-01-03'],
      ['2030-01-03', '2030-01-03'],
      ['2030-01-04', '2030-01-10'],
      ['2030-01-11', '2030-01-12'],
      ['2029-12-20', '2030-01-05'],
    ]);
    await ph('PATCH', `/v1/events/${ids[2]}`, owner, { body: { status: 'published', name: 'Fête de la Musique' } });
    // act + assess
    expect((await walk(owner, 'from=2030-01-03&to=2030-01-04&limit=1')).ids).toEqual([ids[4], ids[0], ids[1], ids[2]]);
    expect((await walk(owner, 'from=2030-01-11&limit=1')).ids).toEqual([ids[3]]);
    expect((await walk(owner, 'to=2029-12-31&limit=1')).ids).toEqual([ids[4]]);
    expect((await walk(owner, 'status=published&limit=1')).ids).toEqual([ids[2]]);
    expect((await walk(owner, 'status=planning&limit=2')).ids).toEqual([ids[4], ids[0], ids[1], ids[3]]);
    expect((await walk(owner, 'q=fete%20DE%20la&limit=2')).ids).toEqual([ids[2]]);
    expect((await walk(owner, 'q=nothing-like-this')).ids).toEqual([]);
  });

  it('lists EventLite events of the organisation with their mapped fields', async () => {
    const title = uniqueTitle('Listed from EventLite');
    const created = await api('POST', '/api/v1/events', { token: planner().apiKey, body: { title, mode: 'ONLINE', startAt: '2025-03-20T09:00:00Z' } });
    const response = await ph('GET', `/v1/events?q=${encodeURIComponent(title)}`, planner());
    expect(response.body.results).toEqual([
      expect.objectContaining({ id: created.body.data.id, name: title, start_date: '2025-03-20', end_date: '2025-03-20', status: 'planning', venue: null }),
    ]);
  });

  it('refuses a tampered, foreign or mismatched cursor with 400', async () => {
    // prepare
    const { owner } = await organisationWith([
      ['2030-01-01', '2030-01-01'],
      ['2030-01-02', '2030-01-02'],
    ]);
    const first = await ph('GET', '/v1/events?limit=1', owner);
    const cursor: string = first.body.next_cursor;
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const reencode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const foreign = (await ph('GET', '/v1/events?limit=1', planner())).body.next_cursor;
    const tampered = [
      reencode({ ...position, pk: 'ORG#org_999' }),
      reencode({ ...position, gsi1pk: 'ORG#org_999#EVENTS' }),
      reencode({ ...position, sk: 'MEMBER#user_admin' }),
      reencode({ ...position, extra: 'x' }),
      reencode({ pk: position.pk, sk: position.sk }),
      reencode([position]),
      'bm90IGpzb24',
      'not*base64',
      foreign,
    ];
    // act + assess
    expect((await ph('GET', `/v1/events?limit=1&cursor=${cursor}`, owner)).status).toBe(200);
    for (const bad of tampered) {
      const response = await ph('GET', `/v1/events?limit=1&cursor=${encodeURIComponent(bad)}`, owner);
      expect([bad, response.status, fields(response)]).toEqual([bad, 400, ['cursor']]);
    }
    const otherIndex = await ph('GET', `/v1/events?status=planning&cursor=${cursor}`, owner);
    expect([otherIndex.status, fields(otherIndex)]).toEqual([400, ['cursor']]);
  });

  it.each([
    ['limit=101', 'limit'],
    ['limit=0', 'limit'],
    ['status=DRAFT', 'status'],
    ['from=2030-13-01', 'from'],
    ['to=1850-01-01', 'to'],
    ['from=2030-02-01&to=2030-01-01', 'to'],
    ['page=2', 'page'],
  ])('refuses %s naming %s', async (query, field) => {
    const response = await ph('GET', `/v1/events?${query}`, planner());
    expect(response.status).toBe(400);
    expect(fields(response)).toEqual([field]);
  });
});

describe('demo productions', () => {
  it('seeds the spec event_456 idempotently, as the spec describes it', async () => {
    // prepare: the repositories of this process point at the test runtime's table
    process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamoDbEndpoint');
    process.env.TABLE_NAME = inject('tableName');
    process.env.AWS_REGION = 'eu-west-3';
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
    const { seedDemoProductions } = await import('../../local/demo-productions.ts');
    // act
    await seedDemoProductions();
    await seedDemoProductions();
    // assess
    const response = await ph('GET', '/v1/events/event_456', colleague());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: 'event_456',
      ...specRequest,
      status: 'planning',
      organizer_id: 'user_456',
      created_at: '2024-01-20T10:00:00.000Z',
      next_steps: specSteps,
    });
    expect((await ph('GET', '/v1/events/event_456', outsider())).status).toBe(404);
  });
});
