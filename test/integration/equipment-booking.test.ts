/**
 * No double booking, ever: concurrent bookings through the local gateway over DynamoDB Local
 * (which settles concurrent transactions on the lock's version condition; its never raising
 * TransactionConflictException is covered by test/unit/allocation-store.test.ts). What the API
 * left behind is read back from the table, bookings and allocations both, and checked.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../shared/store/keys.ts';
import { admin, api, colleague, tableClient, type ApiResponse } from './support.ts';

interface Caller {
  accessToken: string;
  organizationId: string;
}

const ph = (method: string, path: string, caller: Caller, body?: unknown): Promise<ApiResponse> =>
  api(method, path, { token: caller.accessToken, body, headers: { 'x-organization-id': caller.organizationId } });

async function createItem(fields: Record<string, unknown> = {}): Promise<{ id: string }> {
  const category = `race_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const response = await ph('POST', '/v1/equipment', admin(), { name: 'Race item', category, subcategory: 'mixing_console', ...fields });
  expect(response.status).toBe(201);
  return response.body;
}

const book = (equipmentId: string, start: number, end: number, quantity?: number) =>
  ph('POST', '/v1/equipment/book', colleague(), {
    equipment_id: equipmentId,
    event_id: 'event_456',
    start_time: new Date(start).toISOString(),
    end_time: new Date(end).toISOString(),
    ...(quantity === undefined ? {} : { quantity }),
  });

const HOUR = 3_600_000;

/** Every allocation item of an item's partition, as the table holds it. */
async function allocationsOf(equipmentId: string): Promise<{ allocationId: string; startAt: string; endAt: string; quantity: number }[]> {
  const { client, tableName } = tableClient();
  const where = keys.resourceAllocationsStartingBetween('org_123', 'equipment', equipmentId, '0000', '9999');
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': where.pk, ':from': where.skFrom, ':to': where.skTo },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items as never;
}

/** The confirmed bookings behind `bookingIds`, read back through the API. */
async function confirmedBookings(bookingIds: string[]) {
  const responses = await Promise.all(bookingIds.map((id) => ph('GET', `/v1/equipment/bookings/${id}`, colleague())));
  return responses.map((response) => {
    expect(response.status).toBe(200);
    return response.body as { booking_id: string; equipment_id: string; start_time: string; end_time: string; quantity: number; status: string };
  });
}

function peak(intervals: { start: number; end: number; quantity: number }[]): number {
  const events = intervals.flatMap((interval) => [
    { at: interval.start, delta: interval.quantity },
    { at: interval.end, delta: -interval.quantity },
  ]);
  // Ends before starts at the same instant: half-open intervals that touch do not add up.
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let usage = 0;
  let highest = 0;
  for (const event of events) {
    usage += event.delta;
    highest = Math.max(highest, usage);
  }
  return highest;
}

describe('concurrent bookings', () => {
  it('gives exactly one 201 and 49 RESOURCE_CONFLICT for 50 identical simultaneous bookings', async () => {
    // prepare
    const item = await createItem();
    const start = Date.UTC(2033, 0, 10, 19);
    // act
    const responses = await Promise.all(Array.from({ length: 50 }, () => book(item.id, start, start + 6 * HOUR)));
    // assess
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = responses.find((response) => response.status === 201)!.body.booking_id;
    for (const response of responses.filter((candidate) => candidate.status === 409)) {
      expect(response.body.error.code).toBe('RESOURCE_CONFLICT');
      expect(response.body.error.details.conflicting_booking_id).toBe(winner);
    }
    const allocations = await allocationsOf(item.id);
    expect(allocations.map((allocation) => allocation.allocationId)).toEqual([winner]);
  });

  it('books all of 50 disjoint slots of one item requested at once', async () => {
    // prepare
    const item = await createItem();
    const base = Date.UTC(2033, 1, 1, 8);
    // Back to back: each slot ends where the next begins, so the half-open rule is raced too.
    const slots = Array.from({ length: 50 }, (_, i) => ({ start: base + i * 2 * HOUR, end: base + (i + 1) * 2 * HOUR }));
    // act
    const responses = await Promise.all(slots.map((slot) => book(item.id, slot.start, slot.end)));
    // assess
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    const allocations = await allocationsOf(item.id);
    expect(allocations).toHaveLength(50);
    expect(allocations.map((allocation) => Date.parse(allocation.startAt))).toEqual(slots.map((slot) => slot.start));
  });

  it('leaves no overlap on any unit and no stock below zero after a storm of random overlapping bookings', async () => {
    // prepare
    const units = [await createItem(), await createItem(), await createItem()];
    const stock = await createItem({ kind: 'bulk', quantity_total: 10, subcategory: 'stage_box' });
    const base = Date.UTC(2033, 2, 1, 0);
    let seed = 20240215;
    // A fixed pseudo-random sequence: a failure can be replayed.
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const requests = Array.from({ length: 100 }, () => {
      const onStock = random() < 0.4;
      const start = base + Math.floor(random() * 24) * HOUR;
      return {
        equipmentId: onStock ? stock.id : units[Math.floor(random() * units.length)]!.id,
        start,
        end: start + (1 + Math.floor(random() * 6)) * HOUR,
        quantity: onStock ? 1 + Math.floor(random() * 4) : undefined,
      };
    });
    // act
    const responses = await Promise.all(requests.map((request) => book(request.equipmentId, request.start, request.end, request.quantity)));
    // assess
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(responses.filter((response) => response.status === 409).every((response) => response.body.error.code === 'RESOURCE_CONFLICT')).toBe(true);
    const booked = await confirmedBookings(responses.filter((response) => response.status === 201).map((response) => response.body.booking_id));
    expect(booked.every((booking) => booking.status === 'confirmed')).toBe(true);
    for (const unit of units) {
      const ofUnit = booked
        .filter((booking) => booking.equipment_id === unit.id)
        .map((booking) => ({ start: Date.parse(booking.start_time), end: Date.parse(booking.end_time), quantity: 1 }));
      expect(peak(ofUnit)).toBeLessThanOrEqual(1);
      expect((await allocationsOf(unit.id)).length).toBe(ofUnit.length);
    }
    const ofStock = booked
      .filter((booking) => booking.equipment_id === stock.id)
      .map((booking) => ({ start: Date.parse(booking.start_time), end: Date.parse(booking.end_time), quantity: booking.quantity }));
    expect(peak(ofStock)).toBeLessThanOrEqual(10);
    const stockAllocations = await allocationsOf(stock.id);
    expect(peak(stockAllocations.map((allocation) => ({ start: Date.parse(allocation.startAt), end: Date.parse(allocation.endAt), quantity: allocation.quantity })))).toBeLessThanOrEqual(10);
    expect(stockAllocations.length).toBe(ofStock.length);
    // The storm is only a test if it both books and refuses.
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status === 409).length).toBeGreaterThan(10);
  });
});
