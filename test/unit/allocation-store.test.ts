/**
 * The retry path of shared/store/allocations.ts. DynamoDB Local never raises
 * TransactionConflict and settles concurrent transactions one after the other, so the path where
 * DynamoDB cancels a transaction because another one holds the lock (or moved its version) cannot
 * be provoked on demand there. Here, and only here, the document client is mocked so that the
 * first TransactWriteItems is cancelled with a chosen reason; the integration tests cover the rest
 * against the real emulator (test/integration/store-failure-paths.test.ts: a lock version moved
 * between read and write, an allocation id reused, a BatchGet beyond 100 keys).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/store/client.ts';
import { allocate, MAX_TRANSACTION_ITEMS, type AllocationPlan } from '../../shared/store/allocations.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { LOCK_STRIPE_MS } from '../../shared/domain/allocation.ts';

const START = 10_000 * LOCK_STRIPE_MS;
const plan = (id = 'booking_1', start = START, end = START + 3_600_000): AllocationPlan => ({
  requests: [
    {
      resource: { type: 'equipment', id: 'eq_101' },
      capacity: 1,
      allocation: { id, start, end, quantity: 1, ownerType: 'equipment_booking', ownerId: id, eventId: 'event_456' },
    },
  ],
  items: [{ ConditionCheck: { TableName: 'test-table', Key: { pk: 'ORG#org_123', sk: 'EQUIPMENT#eq_101' }, ConditionExpression: 'attribute_exists(pk)' } }],
});

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

/** A fake table: the lock at version 3, no allocations, and TransactWriteItems answering from `outcomes` in turn. */
function fakeTable(outcomes: (Error | null)[], allocations: Record<string, unknown>[] = []) {
  const transactions: TransactWriteCommand[] = [];
  const send = vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown) => {
    // The lock asked for, answered with its key (the store matches answers to keys).
    if (command instanceof BatchGetCommand) return { Responses: { 'test-table': (command.input.RequestItems!['test-table']!.Keys ?? []).map((key) => ({ ...key, stripe: 10_000, version: 3 })) } };
    if (command instanceof QueryCommand) return { Items: allocations };
    if (command instanceof TransactWriteCommand) {
      transactions.push(command);
      const outcome = outcomes.shift();
      if (outcome) throw outcome;
      return {};
    }
    throw new Error(`unexpected command ${(command as object).constructor.name}`);
  }) as never);
  return { send, transactions };
}

describe('allocate: retries', () => {
  beforeEach(() => {
    process.env.TABLE_NAME = 'test-table';
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('retries after TransactionConflict on the lock, waiting a full-jitter delay, and reads everything again', async () => {
    // prepare
    const { transactions } = fakeTable([cancelled('TransactionConflict', 'None', 'None')]);
    const delays: number[] = [];
    const planned: number[] = [];
    // act
    const result = await allocate('org_123', (attempt) => (planned.push(attempt), plan()), { sleep: async (ms) => void delays.push(ms), random: () => 0.5 });
    // assess
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(planned).toEqual([1, 2]);
    expect(delays).toEqual([5]);
    expect(transactions).toHaveLength(2);
    const [lock, allocation, check] = transactions[1]!.input.TransactItems!;
    expect(lock!.Update).toMatchObject({
      Key: { pk: 'ORG#org_123#RES#equipment#eq_101', sk: 'LOCK#00010000' },
      // A lock without a counter: the exact path recounts it, on condition that no release gave it one meanwhile.
      ConditionExpression: '#version = :read AND attribute_not_exists(#usage)',
      ExpressionAttributeValues: expect.objectContaining({ ':read': 3, ':next': 4, ':usage': 1 }),
    });
    expect(allocation!.Put).toMatchObject({ Item: expect.objectContaining({ sk: `ALLOC#${new Date(START).toISOString()}#booking_1` }), ConditionExpression: 'attribute_not_exists(pk)' });
    expect(check!.ConditionCheck).toBeDefined();
  });

  // A lock version moved (ConditionalCheckFailed on the lock) is provoked against DynamoDB Local in
  // test/integration/store-failure-paths.test.ts; here the delays between several conflicts.
  it('retries after repeated TransactionConflicts, under a full-jitter cap that doubles', async () => {
    // prepare
    const { transactions } = fakeTable([cancelled('TransactionConflict', 'None', 'None'), cancelled('TransactionConflict', 'None', 'None')]);
    const delays: number[] = [];
    // act
    const result = await allocate('org_123', () => plan(), { sleep: async (ms) => void delays.push(ms), random: () => 0.999 });
    // assess
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(transactions).toHaveLength(3);
    // Full jitter under a cap that doubles: [0, 10) then [0, 20) ms.
    expect(delays).toEqual([9, 19]);
  });

  it('gives up with CONCURRENT_UPDATE after the last attempt', async () => {
    // prepare
    fakeTable(Array.from({ length: 4 }, () => cancelled('TransactionConflict', 'None', 'None')));
    // act
    const failure = await allocate('org_123', () => plan(), { maxAttempts: 4, sleep: async () => undefined }).catch((error: unknown) => error);
    // assess
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ kind: 'conflict', code: 'CONCURRENT_UPDATE' });
  });

  it("asks the caller what to do when one of its items fails its condition, and plans again", async () => {
    // prepare
    fakeTable([cancelled('None', 'None', 'ConditionalCheckFailed')]);
    const rejected: number[] = [];
    // act
    const result = await allocate('org_123', () => plan(), { sleep: async () => undefined, onItemRejected: (index) => (rejected.push(index), 'retry') });
    // assess
    expect(rejected).toEqual([0]);
    expect(result).toMatchObject({ ok: true, attempts: 2 });
  });

  it('answers a real overlap with the conflict, without writing', async () => {
    // prepare
    const existing = {
      allocationId: 'booking_0',
      startAt: new Date(START - 1_800_000).toISOString(),
      endAt: new Date(START + 1_800_000).toISOString(),
      quantity: 1,
      ownerType: 'equipment_booking',
      ownerId: 'booking_0',
      eventId: 'event_456',
    };
    const { transactions } = fakeTable([], [existing]);
    // act
    const result = await allocate('org_123', () => plan());
    // assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.conflicts.map((conflict) => conflict.conflict.conflictsWith.map((allocation) => allocation.id))).toEqual([['booking_0']]);
    expect(transactions).toHaveLength(0);
  });

  it('treats its own allocation, already there, as done (an earlier attempt committed but its answer was lost)', async () => {
    // prepare
    const mine = { allocationId: 'booking_1', startAt: new Date(START).toISOString(), endAt: new Date(START + 3_600_000).toISOString(), quantity: 1, ownerType: 'equipment_booking', ownerId: 'booking_1' };
    const { transactions } = fakeTable([], [mine]);
    // act
    const result = await allocate('org_123', () => plan());
    // assess
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(transactions).toHaveLength(0);
  });

  it('refuses a transaction beyond DynamoDB limits before sending it', async () => {
    // prepare
    const { send } = fakeTable([]);
    const crowded: AllocationPlan = { ...plan(), items: Array.from({ length: MAX_TRANSACTION_ITEMS }, () => plan().items![0]!) };
    // act
    const failure = await allocate('org_123', () => crowded).catch((error: unknown) => error);
    // assess
    expect(failure).toMatchObject({ kind: 'invalid', code: 'TRANSACTION_TOO_LARGE' });
    expect(send).not.toHaveBeenCalled();
  });

  it('refuses an allocation longer than the overlap query can see', async () => {
    // prepare
    fakeTable([]);
    // act
    const failure = await allocate('org_123', () => plan('booking_1', START, START + 8 * 24 * 3_600_000)).catch((error: unknown) => error);
    // assess
    expect(String(failure)).toContain('longer than');
  });
});
