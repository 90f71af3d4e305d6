/**
 * HTTPS webhooks end to end on the local runtime: the API registers an endpoint, a change commits
 * its outbox record, DynamoDB Local's stream feeds the publisher, fauxqs SNS fans out to the
 * delivery queue, the delivery handler posts to a real receiver on loopback. Signatures are
 * checked by the `standardwebhooks` package and by the algorithm written in the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'standardwebhooks';
import { api, arrangeOrganization, baseUrl, tableClient, type ArrangedMember } from './support.ts';
import { arrangeSpecWorld, ph, technicianShift } from './shifts-world.ts';
import { expectedSignature, startReceiver, type Receiver } from './webhooks-receiver.ts';

const caller = (member: ArrangedMember) => ({ accessToken: member.accessToken, organizationId: member.organizationId });

async function register(member: ArrangedMember, url: string, events: string[]) {
  const created = await ph('POST', '/v1/webhooks', caller(member), { url, events, description: 'test receiver' });
  expect(created.status).toBe(201);
  return created.body as { id: string; secret: string };
}

const publishEvent = (member: ArrangedMember, title: string) =>
  api('POST', '/api/v1/events', { token: member.apiKey, body: { title, mode: 'ONLINE', startAt: '2025-03-20T09:00:00Z', status: 'PUBLISHED' } });

const verifyStandard = (secret: string, delivered: { body: string; headers: Record<string, string> }) =>
  new Webhook(secret).verify(delivered.body, { 'webhook-id': delivered.headers['webhook-id']!, 'webhook-timestamp': delivered.headers['webhook-timestamp']!, 'webhook-signature': delivered.headers['webhook-signature']! });

let receiver: Receiver;
let elsewhere: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  elsewhere = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await elsewhere.close();
});

describe('webhook endpoints through the API', () => {
  it('registers with a whsec_ secret shown once, lists, reads, changes and deletes; another organisation sees a 404; a technician a 403', async () => {
    // prepare
    const [admin, technician] = await arrangeOrganization({ members: 2, roles: (i) => (i === 0 ? ['admin'] : ['technician']) });
    const [outsider] = await arrangeOrganization({ members: 1 });
    // act
    const created = await ph('POST', '/v1/webhooks', caller(admin!), { url: 'https://hooks.example.com/planninghub', events: ['shift.conflict.detected', 'equipment.maintenance.due'] });
    const id = created.body.id;
    const listed = await ph('GET', '/v1/webhooks', caller(admin!));
    const read = await ph('GET', `/v1/webhooks/${id}`, caller(admin!));
    const changed = await ph('PATCH', `/v1/webhooks/${id}`, caller(admin!), { events: ['shift.created'], description: 'Régie' });
    const rotated = await ph('POST', `/v1/webhooks/${id}/rotate-secret`, caller(admin!));
    const foreign = await ph('GET', `/v1/webhooks/${id}`, caller(outsider!));
    const forbidden = await ph('GET', '/v1/webhooks', caller(technician!));
    const badEvent = await ph('POST', '/v1/webhooks', caller(admin!), { url: 'https://hooks.example.com', events: ['shift.exploded'] });
    const deleted = await ph('DELETE', `/v1/webhooks/${id}`, caller(admin!));
    const gone = await ph('GET', `/v1/webhooks/${id}`, caller(admin!));
    // assess
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^wh_[0-9a-f]{16}$/),
      url: 'https://hooks.example.com/planninghub',
      events: ['shift.conflict.detected', 'equipment.maintenance.due'],
      description: null,
      status: 'active',
      created_at: expect.any(String),
      updated_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    });
    expect(listed.body.results).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
    expect(read.body.secret).toBeUndefined();
    expect(changed.body).toMatchObject({ events: ['shift.created'], description: 'Régie' });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(foreign.status).toBe(404);
    expect(forbidden.status).toBe(403);
    expect(badEvent.status).toBe(400);
    expect(JSON.stringify(badEvent.body.error.details)).toContain('events');
    expect([deleted.status, gone.status]).toEqual([200, 404]);
  });
});

describe('webhook deliveries', () => {
  it("posts shift.conflict.detected to {url}/shift-conflict in the spec's shape, signed (Standard Webhooks), and nothing to another organisation's endpoint", async () => {
    // prepare
    const world = await arrangeSpecWorld();
    const [neighbour] = await arrangeOrganization({ members: 1 });
    const { secret } = await ph('POST', '/v1/webhooks', world.planner, { url: receiver.url, events: ['shift.conflict.detected'] }).then((response) => response.body);
    await register(neighbour!, elsewhere.url, ['shift.conflict.detected', 'shift.created']);
    const holding = await ph('POST', '/v1/shifts', world.planner, technicianShift('event_456', 'user_456', '2024-02-15T21:00:00+01:00', '2024-02-15T23:00:00+01:00'));
    // act
    const rejected = await ph('POST', '/v1/shifts', world.planner, technicianShift('event_456', 'user_456', '2024-02-15T22:00:00+01:00', '2024-02-16T00:00:00+01:00'));
    // assess
    expect(rejected.status).toBe(409);
    const shiftId = rejected.body.error.details.shift_id;
    const [delivered] = (await receiver.waitFor((all) => all.some((one) => one.body.includes(shiftId)))).filter((one) => one.body.includes(shiftId));
    expect(delivered!.path).toBe('/hooks/shift-conflict');
    const payload = JSON.parse(delivered!.body);
    expect(Object.keys(payload)).toEqual(['event', 'data', 'timestamp']);
    expect(payload).toEqual({
      event: 'shift.conflict.detected',
      data: {
        shift_id: shiftId,
        conflict_with: [
          { shift_id: holding.body.id, resource_id: 'user_456', resource_type: 'technician', severity: 'high', overlap: '2024-02-15T22:00:00+01:00 - 2024-02-15T23:00:00+01:00', event_id: 'event_456' },
        ],
        suggested_actions: rejected.body.error.details.suggested_actions,
      },
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(payload.data.suggested_actions[0]).toMatchObject({ action: `reschedule_${shiftId}`, new_start_time: expect.any(String) });
    expect(delivered!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Math.abs(Number(delivered!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifyStandard(secret, delivered!)).toEqual(payload);
    expect(delivered!.headers['webhook-signature']).toBe(expectedSignature(secret, delivered!.headers['webhook-id']!, delivered!.headers['webhook-timestamp']!, delivered!.body));
    expect(delivered!.headers['content-type']).toBe('application/json');
    // The neighbour's endpoint asked for the same events and got none of this organisation's.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(elsewhere.received.filter((one) => one.body.includes(shiftId) || one.body.includes(holding.body.id))).toEqual([]);
  });

  it('a receiver failing twice then answering 200 gets the same event again with the same webhook-id; the deliveries list shows the attempts', async () => {
    // prepare
    const [admin] = await arrangeOrganization({ members: 1 });
    const flaky = await startReceiver();
    try {
      const { id } = await register(admin!, flaky.url, ['event.published']);
      flaky.answer(500, 503);
      // act
      const published = await publishEvent(admin!, 'Reprise');
      // assess
      expect(published.status).toBe(201);
      const received = await flaky.waitFor((all) => all.length >= 3);
      expect(received.map((one) => one.path)).toEqual(['/hooks/event', '/hooks/event', '/hooks/event']);
      expect(new Set(received.map((one) => one.headers['webhook-id'])).size).toBe(1);
      expect(new Set(received.map((one) => one.body)).size).toBe(1);
      // Backoff: the retries are spaced out, not immediate.
      expect(received[2]!.at - received[0]!.at).toBeGreaterThanOrEqual(1000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const deliveries = await ph('GET', `/v1/webhooks/${id}/deliveries`, caller(admin!));
      expect(deliveries.status).toBe(200);
      expect(deliveries.body.results).toHaveLength(1);
      expect(deliveries.body.results[0]).toMatchObject({ status: 'succeeded', attempt_count: 3, response_code: 200, message_id: received[0]!.headers['webhook-id'], next_retry_at: null, event: 'event.published' });
      expect(deliveries.body.results[0].attempts.map((attempt: { response_code: number }) => attempt.response_code)).toEqual([500, 503, 200]);
      // A manual retry sends it once more, with the same webhook-id.
      const retried = await ph('POST', `/v1/webhooks/${id}/deliveries/${deliveries.body.results[0].id}/retry`, caller(admin!));
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ status: 'succeeded', attempt_count: 4 });
      expect(flaky.received.at(-1)!.headers['webhook-id']).toBe(received[0]!.headers['webhook-id']);
    } finally {
      await flaky.close();
    }
  });

  it('a 410 Gone disables the endpoint at once; a ping reaches it and is signed', async () => {
    // prepare
    const [admin] = await arrangeOrganization({ members: 1 });
    const closing = await startReceiver();
    try {
      const { id, secret } = await register(admin!, closing.url, ['event.published']);
      closing.answer(410);
      // act
      await publishEvent(admin!, 'Fermeture');
      await closing.waitFor((all) => all.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const after = await ph('GET', `/v1/webhooks/${id}`, caller(admin!));
      const ping = await ph('POST', `/v1/webhooks/${id}/test`, caller(admin!));
      // assess
      expect(after.body).toMatchObject({ status: 'disabled', disabled_reason: 'gone' });
      expect(ping.status).toBe(200);
      expect(ping.body).toMatchObject({ status: 'succeeded', response_code: 200, event: 'webhook.ping' });
      const pinged = closing.received.at(-1)!;
      expect(pinged.path).toBe('/hooks/ping');
      expect(verifyStandard(secret, pinged)).toMatchObject({ event: 'webhook.ping', data: { webhook_id: id } });
    } finally {
      await closing.close();
    }
  });

  it('writes made while SNS is down are all delivered once it is back', async () => {
    // prepare
    const [admin] = await arrangeOrganization({ members: 1 });
    const patient = await startReceiver();
    try {
      await register(admin!, patient.url, ['event.published']);
      const down = await fetch(`${baseUrl()}/_local/sns-outage`, { method: 'POST' });
      expect(down.status).toBe(200);
      let titles: string[] = [];
      try {
        // act
        titles = ['Panne 1', 'Panne 2', 'Panne 3'];
        for (const title of titles) expect((await publishEvent(admin!, title)).status).toBe(201);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(patient.received).toEqual([]);
      } finally {
        await fetch(`${baseUrl()}/_local/sns-outage`, { method: 'DELETE' });
      }
      // assess
      const received = await patient.waitFor((all) => titles.every((title) => all.some((one) => JSON.parse(one.body).data.title === title)), 30_000);
      expect(new Set(received.map((one) => one.headers['webhook-id'])).size).toBe(received.length);
    } finally {
      await patient.close();
    }
  });

  it("holds an organisation's daily limit: the excess waits for the next day, it is not dropped; a ping beyond it is a 429", async () => {
    // prepare: a plan of 2 webhook requests a day (the spec's is 1000)
    const [admin] = await arrangeOrganization({ members: 1 });
    const { client, tableName } = tableClient();
    await client.send(
      new UpdateCommand({ TableName: tableName, Key: { pk: `ORG#${admin!.organizationId}`, sk: 'ORG' }, UpdateExpression: 'SET rateLimits = :limits', ExpressionAttributeValues: { ':limits': { webhooksPerDay: 2 } } }),
    );
    const counted = await startReceiver();
    try {
      const { id } = await register(admin!, counted.url, ['event.published']);
      // act
      for (const title of ['Quota 1', 'Quota 2', 'Quota 3']) expect((await publishEvent(admin!, title)).status).toBe(201);
      // assess
      await counted.waitFor((all) => all.length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(counted.received).toHaveLength(2);
      const deliveries = await ph('GET', `/v1/webhooks/${id}/deliveries`, caller(admin!));
      const statuses = deliveries.body.results.map((delivery: { status: string }) => delivery.status).sort();
      expect(statuses).toEqual(['succeeded', 'succeeded', 'waiting_limit']);
      const waiting = deliveries.body.results.find((delivery: { status: string }) => delivery.status === 'waiting_limit');
      const tomorrow = new Date();
      tomorrow.setUTCHours(24, 0, 0, 0);
      expect(Date.parse(waiting.next_retry_at)).toBeGreaterThanOrEqual(tomorrow.getTime());
      const ping = await ph('POST', `/v1/webhooks/${id}/test`, caller(admin!));
      expect(ping.status).toBe(429);
      expect(ping.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    } finally {
      await counted.close();
    }
  });
});
