/**
 * The failure paths of the allocation and shift stores that DynamoDB Local produces itself, tested
 * against it (the unit tests mock the SDK only for what it cannot produce: TransactionConflict and
 * throttling). The store functions are called in this process, pointed at the test runtime's table.
 * The one spy below does not fake an answer: it lets a concurrent writer commit at the precise
 * moment between the store's reads and its transaction, and the cancellation comes from DynamoDB Local.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { BatchWriteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableClient } from './support.ts';
import { useRuntimeTableInProcess } from './call-recorder.ts';
import { arrangeCrewWorld, ph, technicianShift } from './shifts-world.ts';
import { documentClient } from '../../shared/store/client.ts';
import { allocate, readAllocations, release, resourceLockEntity, type AllocationRequest, type ResourceRef } from '../../shared/store/allocations.ts';
import { batchGet } from '../../shared/store/batch-get.ts';
import { getShift, writeShiftCancellation } from '../../shared/store/shifts.ts';
import * as keys from '../../shared/store/keys.ts';
import { stripesOf } from '../../shared/domain/allocation.ts';

useRuntimeTableInProcess();

const START = Date.parse('2031-05-04T09:00:00.000Z');
const HOUR = 3_600_000;
const noWait = { sleep: async () => {}, random: () => 0 };

function request(resource: ResourceRef, id: string, start: number, end: number, capacity = 1): AllocationRequest {
  return { resource, allocation: { id, start, end, quantity: 1, ownerType: 'equipment_booking', ownerId: id, eventId: null }, capacity };
}

describe('allocation transactions refused by DynamoDB Local', () => {
  it('retries when a lock version moved between its read and the transaction, and lands on the next attempt', async () => {
    // prepare
    const organizationId = `org_${randomUUID()}`;
    const resource = { type: 'equipment', id: `eq_${randomUUID()}` };
    const [stripe] = stripesOf([{ start: START, end: START + HOUR }]);
    const { client, tableName } = tableClient();
    const send = documentClient.send.bind(documentClient);
    let interposed = 0;
    vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown) => {
      if (command instanceof TransactWriteCommand && interposed++ === 0) {
        // Another booking of the same stripe commits first: it bumps the lock this attempt read.
        await client.send(new PutCommand({ TableName: tableName, Item: resourceLockEntity.toItem({ organizationId, resource, stripe: stripe!, version: 1, updatedAt: new Date().toISOString() }) }));
      }
      return send(command as never);
    }) as never);
    const planned: number[] = [];
    // act
    const result = await allocate(organizationId, (attempt) => (planned.push(attempt), { requests: [request(resource, 'booking_1', START, START + HOUR)] }), noWait);
    // assess
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(planned).toEqual([1, 2]);
    expect((await readAllocations(organizationId, resource, { start: START, end: START + HOUR }, { consistent: true })).map((allocation) => allocation.id)).toEqual(['booking_1']);
    const lock = await client.send(new GetCommand({ TableName: tableName, Key: keys.resourceLock(organizationId, resource.type, resource.id, stripe!), ConsistentRead: true }));
    expect(lock.Item?.version).toBe(2);
  });

  it('an exact-path recount does not undo a release committed between its reads and its transaction: it retries and the counter stays exact', async () => {
    // prepare: a stock of 3; A holds 2 from 09:00, B asks 2 from 10:00 in the same stripe. By the
    // stripe's counter (2 + 2 > 3) B goes through the exact path, which finds no overlap and recounts 4.
    const organizationId = `org_${randomUUID()}`;
    const resource = { type: 'equipment', id: `eq_${randomUUID()}` };
    const [stripe] = stripesOf([{ start: START, end: START + 2 * HOUR }]);
    const stock = (id: string, start: number) => ({ ...request(resource, id, start, start + HOUR, 3), allocation: { ...request(resource, id, start, start + HOUR).allocation, quantity: 2 } });
    expect(await allocate(organizationId, () => ({ requests: [stock('booking_a', START)] }), noWait)).toMatchObject({ ok: true });
    const { client, tableName } = tableClient();
    const send = documentClient.send.bind(documentClient);
    let interposed = 0;
    vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown) => {
      if (command instanceof TransactWriteCommand && interposed++ === 0) {
        // A is cancelled after B read the stripe (counter 2, A among the allocations) and before B commits.
        expect(await release(organizationId, [{ resource, allocation: { id: 'booking_a', start: START, end: START + HOUR, quantity: 2 } }])).toEqual({ rejectedItem: null });
      }
      return send(command as never);
    }) as never);
    // act
    const result = await allocate(organizationId, () => ({ requests: [stock('booking_b', START + HOUR)] }), noWait);
    // assess: the stale recount (4, A included) was refused by its counter condition; the next attempt counts B alone.
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    const lock = await client.send(new GetCommand({ TableName: tableName, Key: keys.resourceLock(organizationId, resource.type, resource.id, stripe!), ConsistentRead: true }));
    expect(lock.Item?.usage).toBe(2);
    expect((await readAllocations(organizationId, resource, { start: START, end: START + 2 * HOUR }, { consistent: true })).map((allocation) => allocation.id)).toEqual(['booking_b']);
  });

  it('throws the programming error when an allocation id is reused within its resource, and writes nothing', async () => {
    // prepare: a stock of two, so the second allocation fits and only its key collides
    const organizationId = `org_${randomUUID()}`;
    const resource = { type: 'equipment', id: `eq_${randomUUID()}` };
    expect(await allocate(organizationId, () => ({ requests: [request(resource, 'booking_1', START, START + HOUR, 2)] }), noWait)).toMatchObject({ ok: true });
    // act
    const reused = allocate(organizationId, () => ({ requests: [request(resource, 'booking_1', START, START + 2 * HOUR, 2)] }), noWait);
    // assess
    await expect(reused).rejects.toThrow(/allocation id reused within its resource/);
    const stored = await readAllocations(organizationId, resource, { start: START, end: START + 2 * HOUR }, { consistent: true });
    expect(stored.map((allocation) => [allocation.id, allocation.end])).toEqual([['booking_1', START + HOUR]]);
  });
});

describe('shift cancellation refused by DynamoDB Local', () => {
  it('a cancellation written from a stale read fails its status condition inside the release transaction and changes nothing', async () => {
    // prepare: a shift created, then cancelled through the API after the stale read
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    const created = await ph('POST', '/v1/shifts', crew.planner, technicianShift(crew.eventId, technician, '2031-03-06T10:00:00+01:00', '2031-03-06T14:00:00+01:00'));
    expect(created.status).toBe(201);
    const stale = (await getShift(crew.organizationId, created.body.id, true))!;
    expect((await ph('DELETE', `/v1/shifts/${stale.id}`, crew.planner)).status).toBe(200);
    const { client, tableName } = tableClient();
    const scheduleBefore = (await client.send(new GetCommand({ TableName: tableName, Key: keys.technicianSchedule(crew.organizationId, technician), ConsistentRead: true }))).Item;
    const at = new Date().toISOString();
    // act
    const written = await writeShiftCancellation(stale, { ...stale, status: 'cancelled', version: stale.version + 1, updatedAt: at, cancelledAt: at, cancelledBy: 'someone_else' }, null);
    // assess
    expect(written).toBe(false);
    const after = (await getShift(crew.organizationId, stale.id, true))!;
    expect([after.status, after.version]).toEqual(['cancelled', stale.version + 1]);
    expect(after.cancelledBy).not.toBe('someone_else');
    const scheduleAfter = (await client.send(new GetCommand({ TableName: tableName, Key: keys.technicianSchedule(crew.organizationId, technician), ConsistentRead: true }))).Item;
    expect(scheduleAfter?.version).toBe(scheduleBefore?.version);
    // The cancel use case then reads the cancellation and answers it as it is.
    const again = await ph('DELETE', `/v1/shifts/${stale.id}`, crew.planner);
    expect([again.status, again.body.status, again.body.version]).toEqual([200, 'cancelled', stale.version + 1]);
  });
});

describe('batchGet over DynamoDB Local', () => {
  it('reads more than 100 keys (several BatchGetItem calls), every one of them', async () => {
    // prepare
    const organizationId = `org_${randomUUID()}`;
    const resource = { type: 'equipment', id: `eq_${randomUUID()}` };
    const locks = Array.from({ length: 130 }, (_, stripe) => resourceLockEntity.toItem({ organizationId, resource, stripe, version: stripe + 1, updatedAt: '2031-01-01T00:00:00.000Z' }));
    const { client, tableName } = tableClient();
    for (let i = 0; i < locks.length; i += 25) {
      await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: locks.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    // act
    const items = await batchGet(
      locks.map((_, stripe) => keys.resourceLock(organizationId, resource.type, resource.id, stripe)),
      { consistent: true },
    );
    // assess
    expect(items.map((item) => resourceLockEntity.fromItem(item)).sort((a, b) => a.stripe - b.stripe)).toEqual(locks.map((_, stripe) => ({ stripe, version: stripe + 1 })));
  });
});
