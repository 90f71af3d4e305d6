/**
 * Per-stripe usage counters of equipment (issue 14, "Stock checks scale"; docs/equipment.md): every
 * path that allocates or frees equipment moves the counters of the stripes it touches in its own
 * transaction, so after any mix of simultaneous bookings, cancellations and shifts the counters
 * equal a recount from the allocation items. Read back from the table after going through the
 * local gateway.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../shared/store/keys.ts';
import { LOCK_STRIPE_MS, stripesOf } from '../../shared/domain/allocation.ts';
import { admin, api, colleague, tableClient, type ApiResponse } from './support.ts';
import { arrangeCrewWorld, ph as phOf, technicianShift } from './shifts-world.ts';

interface Caller {
  accessToken: string;
  organizationId: string;
}

const ph = (method: string, path: string, caller: Caller, body?: unknown): Promise<ApiResponse> =>
  api(method, path, { token: caller.accessToken, body, headers: { 'x-organization-id': caller.organizationId } });

const HOUR = 3_600_000;

async function createStock(quantityTotal: number): Promise<string> {
  const category = `counter_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const response = await ph('POST', '/v1/equipment', admin(), { name: 'Stage boxes', category, subcategory: 'stage_box', kind: 'bulk', quantity_total: quantityTotal });
  expect(response.status).toBe(201);
  return response.body.id;
}

const book = (equipmentId: string, start: number, end: number, quantity: number) =>
  ph('POST', '/v1/equipment/book', colleague(), {
    equipment_id: equipmentId,
    event_id: 'event_456',
    start_time: new Date(start).toISOString(),
    end_time: new Date(end).toISOString(),
    quantity,
  });

const cancel = (bookingId: string) => ph('DELETE', `/v1/equipment/bookings/${bookingId}`, colleague());

/** The item's partition as the table holds it: allocations and locks. */
async function partitionOf(organizationId: string, equipmentId: string) {
  const { client, tableName } = tableClient();
  const pk = keys.resourceLock(organizationId, 'equipment', equipmentId, 0).pk;
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const allocations = items
    .filter((item) => String(item.sk).startsWith('ALLOC#'))
    .map((item) => ({ start: Date.parse(String(item.startAt)), end: Date.parse(String(item.endAt)), quantity: Number(item.quantity) }));
  const counters = new Map(items.filter((item) => String(item.sk).startsWith('LOCK#')).map((item) => [Number(item.stripe), item.usage as number | undefined]));
  return { allocations, counters };
}

/** Counters and a full recount, per stripe, over every stripe that has either. */
async function countersAndRecount(organizationId: string, equipmentId: string) {
  const { allocations, counters } = await partitionOf(organizationId, equipmentId);
  const recount = new Map<number, number>();
  for (const allocation of allocations) for (const stripe of stripesOf([allocation])) recount.set(stripe, (recount.get(stripe) ?? 0) + allocation.quantity);
  const stripes = [...new Set([...counters.keys(), ...recount.keys()])].sort((a, b) => a - b);
  return {
    allocations,
    counted: stripes.map((stripe) => [stripe, counters.get(stripe)]),
    recounted: stripes.map((stripe) => [stripe, recount.get(stripe) ?? 0]),
  };
}

/** Highest total quantity held at one instant. */
function peak(allocations: { start: number; end: number; quantity: number }[]): number {
  return Math.max(0, ...allocations.map((at) => allocations.filter((other) => other.start <= at.start && at.start < other.end).reduce((sum, other) => sum + other.quantity, 0)));
}

describe('stripe usage counters of equipment', () => {
  it('equal a recount from the allocations after rounds of simultaneous bookings and cancellations, and the stock is never exceeded', async () => {
    // prepare
    const stock = await createStock(10);
    const base = Date.UTC(2034, 4, 1, 0);
    let seed = 314159;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let held: string[] = [];
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      const requests = Array.from({ length: 12 }, () => {
        const start = base + Math.floor(random() * 12) * HOUR;
        return { start, end: start + (1 + Math.floor(random() * 8)) * HOUR, quantity: 1 + Math.floor(random() * 3) };
      });
      const cancelling = held.filter((_, i) => i % 2 === 0);
      // act
      const [booked, cancelled] = await Promise.all([
        Promise.all(requests.map((request) => book(stock, request.start, request.end, request.quantity))),
        Promise.all(cancelling.map(cancel)),
      ]);
      // assess
      expect(cancelled.map((response) => response.status)).toEqual(cancelling.map(() => 200));
      expect(booked.filter((response) => response.status !== 201 && !(response.status === 409 && response.body.error.code === 'RESOURCE_CONFLICT')).map((response) => [response.status, response.body])).toEqual([]);
      statuses.push(...booked.map((response) => response.status));
      held = [...held.filter((_, i) => i % 2 === 1), ...booked.filter((response) => response.status === 201).map((response) => response.body.booking_id as string)];
      const { allocations, counted, recounted } = await countersAndRecount('org_123', stock);
      expect(counted).toEqual(recounted);
      expect(allocations).toHaveLength(held.length);
      expect(peak(allocations)).toBeLessThanOrEqual(10);
    }
    // The rounds are only a test if they both book and refuse.
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status === 409).length).toBeGreaterThan(5);
    // Three rounds of 12 bookings and their cancellations through the gateway: minutes on a loaded 2-core machine.
  }, 240_000);

  it('does not refuse what fits exactly: two full-stock bookings back to back in one stripe both land; an overlap is refused', async () => {
    // prepare
    const stock = await createStock(10);
    const stripeStart = Math.ceil(Date.UTC(2034, 5, 1, 0) / LOCK_STRIPE_MS) * LOCK_STRIPE_MS;
    // act
    const first = await book(stock, stripeStart + HOUR, stripeStart + 3 * HOUR, 10);
    const second = await book(stock, stripeStart + 3 * HOUR, stripeStart + 5 * HOUR, 10);
    const overlapping = await book(stock, stripeStart + 2 * HOUR, stripeStart + 4 * HOUR, 1);
    // assess
    expect([first.status, second.status]).toEqual([201, 201]);
    expect([overlapping.status, overlapping.body.error?.code]).toEqual([409, 'RESOURCE_CONFLICT']);
    const { counted, recounted } = await countersAndRecount('org_123', stock);
    // The stripe counts both (20 of 10): the counter is an upper bound, the exact check decided.
    expect(counted).toEqual([[stripeStart / LOCK_STRIPE_MS, 20]]);
    expect(counted).toEqual(recounted);
  });

  it('recounts a stripe whose counter is missing (a lock written before counters) at the next booking', async () => {
    // prepare
    const stock = await createStock(10);
    const start = Date.UTC(2034, 6, 1, 8);
    const kept = await book(stock, start, start + 2 * HOUR, 4);
    const dropped = await book(stock, start + HOUR, start + 3 * HOUR, 3);
    expect([kept.status, dropped.status]).toEqual([201, 201]);
    const { client, tableName } = tableClient();
    for (const stripe of stripesOf([{ start, end: start + 3 * HOUR }])) {
      await client.send(new UpdateCommand({ TableName: tableName, Key: keys.resourceLock('org_123', 'equipment', stock, stripe), UpdateExpression: 'REMOVE #usage', ExpressionAttributeNames: { '#usage': 'usage' } }));
    }
    // act
    const cancelled = await cancel(dropped.body.booking_id);
    const refused = await book(stock, start, start + HOUR, 7);
    const accepted = await book(stock, start + 2 * HOUR, start + 4 * HOUR, 6);
    // assess
    expect([cancelled.status, refused.status, accepted.status]).toEqual([200, 409, 201]);
    const { counted, recounted } = await countersAndRecount('org_123', stock);
    expect(counted).toEqual(recounted);
  });

  it('move with the shifts that hold equipment: created, moved, cancelled', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    const item = await phOf('POST', '/v1/equipment', crew.planner, { name: 'Stage boxes', category: 'sound', subcategory: 'stage_box', kind: 'bulk', quantity_total: 8, daily_rate: 20 });
    expect(item.status).toBe(201);
    const body = {
      ...technicianShift(crew.eventId, technician, '2031-03-06T10:00:00+01:00', '2031-03-06T14:00:00+01:00'),
      resources: [{ id: technician, type: 'technician', role: 'foh_engineer' }, { id: item.body.id, type: 'equipment', quantity: 3 }],
    };
    const check = async (expected: number) => {
      const { allocations, counted, recounted } = await countersAndRecount(crew.organizationId, item.body.id);
      expect(counted).toEqual(recounted);
      expect(allocations.reduce((sum, allocation) => sum + allocation.quantity, 0)).toBe(expected);
    };
    // act + assess, step by step
    const created = await phOf('POST', '/v1/shifts', crew.planner, body);
    expect(created.status).toBe(201);
    await check(3);
    const moved = await phOf('PATCH', `/v1/shifts/${created.body.id}`, crew.planner, { start_time: '2031-03-07T20:00:00+01:00' }, { 'if-match': '"1"' });
    expect(moved.status).toBe(200);
    await check(3);
    const resized = await phOf('PATCH', `/v1/shifts/${created.body.id}`, crew.planner, { resources: [{ id: technician, type: 'technician', role: 'foh_engineer' }, { id: item.body.id, type: 'equipment', quantity: 5 }] }, { 'if-match': '"2"' });
    expect(resized.status).toBe(200);
    await check(5);
    const cancelled = await phOf('DELETE', `/v1/shifts/${created.body.id}`, crew.planner);
    expect(cancelled.status).toBe(200);
    await check(0);
    const { counted } = await countersAndRecount(crew.organizationId, item.body.id);
    expect(counted.every(([, usage]) => usage === 0)).toBe(true);
  });
});
