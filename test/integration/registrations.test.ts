/**
 * Registrations through the organiser API (EventLite): admission rules, waitlist, promotion on
 * cancellation and on a capacity raise, uniqueness per address, ownership, CSV export, outbox
 * records, and deletion with the event. Real HTTP to the local gateway over DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { admin, api, arrangeOrganization, colleague, tableClient, uniqueTitle, type ArrangedMember } from './support.ts';

async function eventOf(owner: ArrangedMember | { apiKey: string }, fields: Record<string, unknown>) {
  const response = await api('POST', '/api/v1/events', {
    token: owner.apiKey,
    body: { title: uniqueTitle('Inscriptions'), mode: 'ONLINE', startAt: '2030-06-01T18:00:00Z', status: 'PUBLISHED', ...fields },
  });
  expect(response.status).toBe(201);
  return response.body.data as { id: string; slug: string; organizerId: string };
}

const registerTo = (token: string, eventId: string, name: string, email: string) =>
  api('POST', `/api/v1/events/${eventId}/registrations`, { token, body: { name, email } });

async function counters(token: string, eventId: string) {
  const { body } = await api('GET', `/api/v1/events/${eventId}`, { token });
  return { confirmed: body.data.confirmed_count, waitlist: body.data.waitlist_count, total: body.data.total_registrations };
}

async function outboxTypes(organizationId: string, eventId: string) {
  const { client, tableName } = tableClient();
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new (await import('@aws-sdk/lib-dynamodb')).ScanCommand({
        TableName: tableName,
        FilterExpression: 'entity = :e AND eventId = :id',
        ExpressionAttributeValues: { ':e': 'OutboxEvent', ':id': eventId },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.filter((item) => String(item.pk).startsWith(`ORG#${organizationId}#OUTBOX#`)).map((item) => item.type as string);
}

describe('POST /api/v1/events/{id}/registrations', () => {
  it('confirms while places are free, then waitlists in arrival order, and counts both', async () => {
    // prepare
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: 2, waitlist: true });
    // act
    const answers = [];
    for (const n of [1, 2, 3, 4]) answers.push(await registerTo(owner!.apiKey, event.id, `Personne ${n}`, `Personne${n}@Example.com`));
    // assess
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((a) => [a.body.data.status, a.body.data.waitlistPosition])).toEqual([
      ['CONFIRMED', null],
      ['CONFIRMED', null],
      ['WAITLISTED', 1],
      ['WAITLISTED', 2],
    ]);
    expect(answers[0]!.body.data).toMatchObject({ eventId: event.id, name: 'Personne 1', email: 'Personne1@Example.com' });
    expect(await counters(owner!.apiKey, event.id)).toEqual({ confirmed: 2, waitlist: 2, total: 4 });
  });

  it('treats capacity null as unlimited', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: null });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, n) => registerTo(owner!.apiKey, event.id, `P${n}`, `p${n}@example.com`)));
    expect(answers.every((a) => a.status === 201 && a.body.data.status === 'CONFIRMED')).toBe(true);
    expect(await counters(owner!.apiKey, event.id)).toEqual({ confirmed: 12, waitlist: 0, total: 12 });
  });

  it('refuses a full event without waitlist with 409 Événement complet', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: 1, waitlist: false });
    expect((await registerTo(owner!.apiKey, event.id, 'A', 'a@example.com')).status).toBe(201);
    const refused = await registerTo(owner!.apiKey, event.id, 'B', 'b@example.com');
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: 'Événement complet' });
    const english = await api('POST', `/api/v1/events/${event.id}/registrations`, { token: owner!.apiKey, body: { name: 'B', email: 'b@example.com' }, headers: { 'accept-language': 'en' } });
    expect(english.body).toEqual({ error: 'Event full' });
  });

  it.each([
    ['DRAFT', "Inscriptions impossibles : l'événement n'est pas publié"],
    ['CLOSED', 'Inscriptions fermées'],
    ['CANCELLED', 'Événement annulé'],
  ])('refuses a %s event with 409 and the reason', async (status, reason) => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { status: 'DRAFT' });
    if (status !== 'DRAFT') {
      expect((await api('PATCH', `/api/v1/events/${event.id}`, { token: owner!.apiKey, body: { status: 'PUBLISHED' } })).status).toBe(200);
      expect((await api('PATCH', `/api/v1/events/${event.id}`, { token: owner!.apiKey, body: { status } })).status).toBe(200);
    }
    const refused = await registerTo(owner!.apiKey, event.id, 'A', 'a@example.com');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe(reason);
    expect(await counters(owner!.apiKey, event.id)).toEqual({ confirmed: 0, waitlist: 0, total: 0 });
  });

  it('keeps one live registration per address (case and spaces ignored), also under simultaneous submissions', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: 10 });
    const answers = await Promise.all(
      ['same@example.com', 'SAME@example.com', ' Same@Example.COM ', 'same@EXAMPLE.com', 'same@example.com'].map((email) => registerTo(owner!.apiKey, event.id, 'Même', email)),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const duplicates = answers.filter((a) => a.status === 409);
    expect(duplicates).toHaveLength(4);
    const created = answers.find((a) => a.status === 201)!.body.data.id;
    expect(duplicates.every((a) => a.body.details?.registrationId === created)).toBe(true);
    expect(await counters(owner!.apiKey, event.id)).toEqual({ confirmed: 1, waitlist: 0, total: 1 });
    // Once cancelled, the address may register again.
    expect((await api('DELETE', `/api/v1/events/${event.id}/registrations/${created}`, { token: owner!.apiKey })).status).toBe(200);
    expect((await registerTo(owner!.apiKey, event.id, 'Même', 'same@example.com')).status).toBe(201);
  });

  it('names the field of bad input with 400', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, {});
    const response = await registerTo(owner!.apiKey, event.id, 'A', 'not-an-address');
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('email');
    const missing = await api('POST', `/api/v1/events/${event.id}/registrations`, { token: owner!.apiKey, body: { email: 'a@example.com' } });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].field).toBe('name');
  });

  it('is the organiser\'s (or an admin\'s): another planner is refused, another organisation gets 404', async () => {
    const event = await eventOf(admin(), {});
    const notOwner = await registerTo(colleague().apiKey, event.id, 'A', 'a@example.com');
    expect(notOwner.status).toBe(403);
    const [outsider] = await arrangeOrganization({ members: 1 });
    expect((await registerTo(outsider!.apiKey, event.id, 'A', 'a@example.com')).status).toBe(404);
    expect((await api('GET', `/api/v1/events/${event.id}/registrations`, { token: colleague().apiKey })).status).toBe(403);
    expect((await api('GET', `/api/v1/events/${event.id}/registrations/export.csv`, { token: outsider!.apiKey })).status).toBe(404);
  });
});

describe('cancellation and promotion', () => {
  it('cancelling a confirmed registration promotes the first waitlisted in the same transaction, with outbox records', async () => {
    // prepare
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: 1 });
    const first = (await registerTo(owner!.apiKey, event.id, 'A', 'a@example.com')).body.data;
    const second = (await registerTo(owner!.apiKey, event.id, 'B', 'b@example.com')).body.data;
    const third = (await registerTo(owner!.apiKey, event.id, 'C', 'c@example.com')).body.data;
    // act
    const cancelled = await api('DELETE', `/api/v1/events/${event.id}/registrations/${first.id}`, { token: owner!.apiKey });
    // assess
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toMatchObject({ id: first.id, status: 'CANCELLED', waitlistPosition: null });
    expect(cancelled.body.data.cancelledAt).toEqual(expect.any(String));
    const promoted = await api('GET', `/api/v1/events/${event.id}/registrations/${second.id}`, { token: owner!.apiKey });
    expect(promoted.body.data).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
    const still = await api('GET', `/api/v1/events/${event.id}/registrations/${third.id}`, { token: owner!.apiKey });
    expect(still.body.data).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect(await counters(owner!.apiKey, event.id)).toEqual({ confirmed: 1, waitlist: 1, total: 2 });
    const types = await outboxTypes(owner!.organizationId, event.id);
    expect(types.filter((t) => t === 'registration.created')).toHaveLength(3);
    expect(types.filter((t) => t === 'registration.cancelled')).toHaveLength(1);
    expect(types.filter((t) => t === 'registration.promoted')).toHaveLength(1);
    // Cancelling again answers the cancellation again and moves nothing.
    const again = await api('DELETE', `/api/v1/events/${event.id}/registrations/${first.id}`, { token: owner!.apiKey });
    expect(again.status).toBe(200);
    expect(await counters(owner!.apiKey, event.id)).toEqual({ confirmed: 1, waitlist: 1, total: 2 });
  });

  it('cancelling a waitlisted registration closes the gap in the positions', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: 1 });
    await registerTo(owner!.apiKey, event.id, 'A', 'a@example.com');
    const waiting = [];
    for (const n of [1, 2, 3]) waiting.push((await registerTo(owner!.apiKey, event.id, `W${n}`, `w${n}@example.com`)).body.data);
    expect((await api('DELETE', `/api/v1/events/${event.id}/registrations/${waiting[0].id}`, { token: owner!.apiKey })).status).toBe(200);
    const list = await api('GET', `/api/v1/events/${event.id}/registrations?status=WAITLISTED`, { token: owner!.apiKey });
    expect(list.body.data.map((r: { name: string; waitlistPosition: number }) => [r.name, r.waitlistPosition])).toEqual([
      ['W2', 1],
      ['W3', 2],
    ]);
    expect(list.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, has_more: false });
    expect(await counters(owner!.apiKey, event.id)).toEqual({ confirmed: 1, waitlist: 2, total: 3 });
  });

  it('raising the capacity promotes as many as now fit, in order; unlimited promotes everyone', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: 1 });
    for (const n of [0, 1, 2, 3, 4]) await registerTo(owner!.apiKey, event.id, `P${n}`, `p${n}@example.com`);
    expect((await api('PATCH', `/api/v1/events/${event.id}`, { token: owner!.apiKey, body: { capacity: 3 } })).status).toBe(200);
    const list = await api('GET', `/api/v1/events/${event.id}/registrations`, { token: owner!.apiKey });
    expect(list.body.data.map((r: { name: string; status: string; waitlistPosition: number | null }) => [r.name, r.status, r.waitlistPosition])).toEqual([
      ['P0', 'CONFIRMED', null],
      ['P1', 'CONFIRMED', null],
      ['P2', 'CONFIRMED', null],
      ['P3', 'WAITLISTED', 1],
      ['P4', 'WAITLISTED', 2],
    ]);
    expect(await counters(owner!.apiKey, event.id)).toEqual({ confirmed: 3, waitlist: 2, total: 5 });
    expect((await api('PATCH', `/api/v1/events/${event.id}`, { token: owner!.apiKey, body: { capacity: null } })).status).toBe(200);
    expect(await counters(owner!.apiKey, event.id)).toEqual({ confirmed: 5, waitlist: 0, total: 5 });
    // Capacity still cannot drop below the confirmed count.
    expect((await api('PATCH', `/api/v1/events/${event.id}`, { token: owner!.apiKey, body: { capacity: 4 } })).status).toBe(400);
  });
});

describe('listing, export and deletion', () => {
  it('filters by status and paginates with limit/offset', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: 3 });
    for (const n of [0, 1, 2, 3, 4]) await registerTo(owner!.apiKey, event.id, `P${n}`, `p${n}@example.com`);
    const page = await api('GET', `/api/v1/events/${event.slug}/registrations?limit=2&offset=1`, { token: owner!.apiKey });
    expect(page.status).toBe(200);
    expect(page.body.data.map((r: { name: string }) => r.name)).toEqual(['P1', 'P2']);
    expect(page.body.pagination).toEqual({ total: 5, limit: 2, offset: 1, has_more: true });
    const confirmed = await api('GET', `/api/v1/events/${event.id}/registrations?status=CONFIRMED`, { token: owner!.apiKey });
    expect(confirmed.body.pagination.total).toBe(3);
    expect((await api('GET', `/api/v1/events/${event.id}/registrations?status=NOPE`, { token: owner!.apiKey })).status).toBe(400);
  });

  it('exports CSV with a BOM, quoted fields and formula-looking values defused', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: 1 });
    await registerTo(owner!.apiKey, event.id, 'Zoé "Z" Lefèvre', 'zoe@example.com');
    await registerTo(owner!.apiKey, event.id, '=HYPERLINK("x")', 'evil@example.com');
    const response = await api('GET', `/api/v1/events/${event.id}/registrations/export.csv`, { token: owner!.apiKey });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(`registrations-${event.slug}.csv`);
    const lines = response.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"id","name","email","status","waitlistPosition","createdAt","promotedAt","cancelledAt"');
    expect(lines[1]).toContain('"Zoé ""Z"" Lefèvre","zoe@example.com","CONFIRMED",""');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")","evil@example.com","WAITLISTED","1"`);
  });

  it('deleting the event deletes its registrations and their markers', async () => {
    const [owner] = await arrangeOrganization({ members: 1 });
    const event = await eventOf(owner!, { capacity: 1 });
    for (const n of [0, 1, 2]) await registerTo(owner!.apiKey, event.id, `P${n}`, `p${n}@example.com`);
    expect((await api('DELETE', `/api/v1/events/${event.id}`, { token: owner!.apiKey })).status).toBe(200);
    const { client, tableName } = tableClient();
    const left = await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ORG#${owner!.organizationId}#EVENT#${event.id}` } }));
    expect(left.Count).toBe(0);
  });
});
