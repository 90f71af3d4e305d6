/**
 * The outbox: every change that emits a domain event writes its record in the same transaction,
 * and a rejected shift's conflict is a record of its own (docs/webhooks.md). Read back from the
 * table, each in an organisation of its own; delivery is webhooks-delivery.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { api, arrangeOrganization, tableClient } from './support.ts';
import { arrangeSpecWorld, ph, technicianShift } from './shifts-world.ts';

interface Outboxed {
  id: string;
  type: string;
  family: string;
  eventId?: string;
  organizationId: string;
  expiresAt: number;
  envelope: { event: string; data: Record<string, any>; timestamp: string };
}

async function outboxOf(organizationId: string): Promise<Outboxed[]> {
  const { client, tableName } = tableClient();
  const items: Outboxed[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#entity = :entity AND organizationId = :org',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: { ':entity': 'OutboxEvent', ':org': organizationId },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...((page.Items ?? []) as Outboxed[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort((a, b) => a.envelope.timestamp.localeCompare(b.envelope.timestamp));
}

const ofType = (records: Outboxed[], type: string) => records.filter((record) => record.type === type);

describe('the outbox', () => {
  it('a rejected shift (409) emits shift.conflict.detected on its own, naming the id it would have had, and nothing else', async () => {
    // prepare
    const world = await arrangeSpecWorld();
    const holding = await ph('POST', '/v1/shifts', world.planner, technicianShift('event_456', 'user_456', '2024-02-15T21:00:00+01:00', '2024-02-15T23:00:00+01:00'));
    expect(holding.status).toBe(201);
    // act
    const rejected = await ph('POST', '/v1/shifts', world.planner, technicianShift('event_456', 'user_456', '2024-02-15T22:00:00+01:00', '2024-02-16T00:00:00+01:00'));
    // assess
    expect(rejected.status).toBe(409);
    const details = rejected.body.error.details;
    expect(details.shift_id).toMatch(/^shift_/);
    const records = await outboxOf(world.organizationId);
    expect(records.map((record) => record.type)).toEqual(['shift.created', 'shift.conflict.detected']);
    const [conflict] = ofType(records, 'shift.conflict.detected');
    expect(conflict).toMatchObject({ family: 'shift-conflict', eventId: 'event_456', organizationId: world.organizationId });
    expect(conflict!.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(conflict!.envelope).toEqual({
      event: 'shift.conflict.detected',
      data: { shift_id: details.shift_id, conflict_with: details.conflict_with, suggested_actions: details.suggested_actions },
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(conflict!.envelope.data.conflict_with[0]).toMatchObject({ shift_id: holding.body.id, resource_id: 'user_456', resource_type: 'technician', severity: 'high' });
    // Expires by TTL, a week after the event.
    expect(conflict!.expiresAt).toBe(Math.ceil(Date.parse(conflict!.envelope.timestamp) / 1000) + 7 * 24 * 3600);
  });

  it('a flagged shift emits shift.created and shift.conflict.detected in its transaction; PATCH and cancel emit shift.updated and shift.cancelled', async () => {
    // prepare
    const world = await arrangeSpecWorld();
    await ph('POST', '/v1/shifts', world.planner, technicianShift('event_456', 'user_456', '2024-02-15T21:00:00+01:00', '2024-02-15T23:00:00+01:00'));
    // act
    const pending = await ph('POST', '/v1/shifts', world.planner, technicianShift('event_456', 'user_456', '2024-02-15T22:00:00+01:00', '2024-02-16T00:00:00+01:00', { conflict_policy: 'flag' }));
    const moved = await ph('PATCH', `/v1/shifts/${pending.body.id}`, world.planner, { start_time: '2024-02-16T10:00:00+01:00', end_time: '2024-02-16T12:00:00+01:00' }, { 'if-match': '"1"' });
    const cancelled = await ph('DELETE', `/v1/shifts/${pending.body.id}`, world.planner);
    // assess
    expect([pending.status, moved.status, cancelled.status]).toEqual([201, 200, 200]);
    const records = (await outboxOf(world.organizationId)).filter((record) => record.envelope.data.shift_id === pending.body.id);
    expect(records.map((record) => record.type).sort()).toEqual(['shift.cancelled', 'shift.conflict.detected', 'shift.created', 'shift.updated']);
    const [detected] = ofType(records, 'shift.conflict.detected');
    expect(detected!.envelope.data).toEqual({ shift_id: pending.body.id, conflict_with: pending.body.conflicts, suggested_actions: pending.body.suggested_actions });
    expect(ofType(records, 'shift.created')[0]!.envelope.data).toMatchObject({ shift_id: pending.body.id, event_id: 'event_456', status: 'pending', technician_ids: ['user_456'], version: 1 });
    expect(ofType(records, 'shift.updated')[0]!.envelope.data).toMatchObject({ status: 'confirmed', start_time: '2024-02-16T10:00:00+01:00', version: 2 });
    expect(ofType(records, 'shift.cancelled')[0]!.envelope.data).toMatchObject({ status: 'cancelled', version: 3 });
    expect(new Set(records.map((record) => record.family))).toEqual(new Set(['shift', 'shift-conflict']));
  });

  it('a booking and its cancellation emit equipment.booked and equipment.booking.cancelled', async () => {
    // prepare
    const world = await arrangeSpecWorld();
    // act
    const booked = await ph('POST', '/v1/equipment/book', world.planner, { equipment_id: 'eq_102', event_id: 'event_456', start_time: '2024-02-15T19:00:00Z', end_time: '2024-02-15T23:00:00Z', quantity: 2 });
    const cancelled = await ph('DELETE', `/v1/equipment/bookings/${booked.body.booking_id ?? booked.body.id}`, world.planner);
    // assess
    expect([booked.status, cancelled.status]).toEqual([201, 200]);
    const records = await outboxOf(world.organizationId);
    expect(records.map((record) => [record.type, record.family, record.eventId])).toEqual([
      ['equipment.booked', 'equipment-booking', 'event_456'],
      ['equipment.booking.cancelled', 'equipment-booking', 'event_456'],
    ]);
    expect(records[0]!.envelope.data).toMatchObject({ equipment_id: 'eq_102', event_id: 'event_456', quantity: 2, start_time: '2024-02-15T20:00:00+01:00', status: 'confirmed' });
    expect(records[1]!.envelope.data).toMatchObject({ booking_id: records[0]!.envelope.data.booking_id, status: 'cancelled' });
  });

  it('publishing and cancelling an event emit event.published and event.cancelled; a draft emits nothing', async () => {
    // prepare
    const [planner] = await arrangeOrganization({ members: 1, roles: ['admin'] });
    const token = planner!.apiKey;
    // act
    const draft = await api('POST', '/api/v1/events', { token, body: { title: 'Brouillon', mode: 'ONLINE', startAt: '2025-03-20T09:00:00Z' } });
    const published = await api('POST', '/api/v1/events', { token, body: { title: 'Publié', mode: 'ONLINE', startAt: '2025-03-20T09:00:00Z', status: 'PUBLISHED' } });
    const cancelled = await api('PATCH', `/api/v1/events/${published.body.data.id}`, { token, body: { status: 'CANCELLED' } });
    // assess
    expect([draft.status, published.status, cancelled.status]).toEqual([201, 201, 200]);
    const records = await outboxOf(planner!.organizationId);
    expect(records.map((record) => [record.type, record.eventId])).toEqual([
      ['event.published', published.body.data.id],
      ['event.cancelled', published.body.data.id],
    ]);
    expect(records[1]!.envelope.data).toMatchObject({ event_id: published.body.data.id, status: 'cancelled', title: 'Publié' });
  });
});
