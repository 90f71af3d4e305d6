/**
 * The retry paths of the shift use cases (shared/app/shifts/) that DynamoDB Local cannot provoke on demand: it never
 * raises TransactionConflict. Here, and only here, the document client is replaced by a fake table
 * answering the reads a shift write makes, and the transactions are cancelled with chosen reasons;
 * the integration tests cover the rest against the real emulator.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/store/client.ts';
import { createShift } from '../../shared/app/shifts/create-shift.ts';
import { updateShift } from '../../shared/app/shifts/update-shift.ts';
import { cancelShift } from '../../shared/app/shifts/cancel-shift.ts';
import { parseShiftTimes, type Shift, type ShiftDraft } from '../../shared/domain/shift.ts';
import { DomainError } from '../../shared/domain/errors.ts';

const ORG = 'org_fake';
const caller = { organizationId: ORG, userId: 'user_admin', lang: 'fr' as const };

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

const draft = (start = '2031-03-04T10:00:00+01:00', end = '2031-03-04T14:00:00+01:00'): ShiftDraft => ({
  title: 'Fake',
  eventId: 'event_1',
  times: parseShiftTimes({ start_time: start, end_time: end }),
  resources: [{ type: 'technician', id: 'user_1', role: 'foh_engineer', requiredSkills: ['foh_engineer'] }],
  priority: 'medium',
  metadata: { technicalRider: null, stagePlot: null, cablePlan: null, checklist: [] },
  conflictPolicy: 'reject',
  economicValue: null,
});

/**
 * A table with one member (user_1, foh_engineer, the spec's contract), one event and no
 * allocation; `shift` is what GetItem answers for the shift. TransactWriteItems answer from
 * `outcomes` in turn (null: success).
 */
function fakeTable(outcomes: (Error | null)[], state: { shift?: Shift | null; scheduleVersion?: number } = {}) {
  const transactions: TransactWriteCommand[] = [];
  const reads = { schedule: 0, shift: 0 };
  vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown) => {
    if (command instanceof GetCommand) {
      const sk = String(command.input.Key!.sk);
      if (sk === 'ORG') return { Item: { timezone: 'Europe/Paris' } };
      if (sk.startsWith('MEMBER#')) return { Item: { organizationId: ORG, userId: 'user_1', roles: ['technician'] } };
      if (sk.startsWith('EVENT#')) return { Item: { id: 'event_1', organizationId: ORG, status: 'DRAFT', budget: null, budgetConsumed: {}, version: 1 } };
      if (sk === 'SCHEDULE') return (reads.schedule++, { Item: state.scheduleVersion === undefined ? undefined : { version: state.scheduleVersion } });
      if (sk === 'SHIFT') return (reads.shift++, { Item: state.shift ?? undefined });
      throw new Error(`unexpected GetItem ${sk}`);
    }
    if (command instanceof BatchGetCommand) {
      const keys = Object.values(command.input.RequestItems!)[0]!.Keys!;
      if (String(keys[0]!.sk).startsWith('TECH#')) {
        return {
          Responses: {
            'test-table': [
              {
                organizationId: ORG,
                userId: 'user_1',
                specializations: [{ category: 'sound', skills: [{ name: 'foh_engineer', level: 5 }] }],
                availability: {},
                employmentContract: { type: 'freelance', hourly_rate: 45, overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 }, meal_allowance: true },
              },
            ],
          },
        };
      }
      return { Responses: { 'test-table': [] } };
    }
    if (command instanceof QueryCommand) return { Items: [] };
    if (command instanceof UpdateCommand) return {};
    if (command instanceof TransactWriteCommand) {
      transactions.push(command);
      const outcome = outcomes.shift();
      if (outcome) throw outcome;
      return {};
    }
    throw new Error(`unexpected command ${(command as object).constructor.name}`);
  }) as never);
  return { transactions, reads };
}

/** The item names of a transaction, in order: what it writes. */
const shapeOf = (transaction: TransactWriteCommand) =>
  transaction.input.TransactItems!.map((item) => {
    const [operation, body] = Object.entries(item)[0] as [string, { Key?: Record<string, string>; Item?: Record<string, string> }];
    return `${operation} ${(body.Key ?? body.Item)!.sk}`;
  });

describe('shift writes: retries', () => {
  beforeEach(() => {
    process.env.TABLE_NAME = 'test-table';
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("creates in one transaction, and judges again when the technician's schedule moved meanwhile", async () => {
    // prepare: the schedule item (the last: two stripe locks, the allocation, shift, event, index, schedule) fails its condition once
    const { transactions, reads } = fakeTable([cancelled('None', 'None', 'None', 'None', 'None', 'None', 'ConditionalCheckFailed')], { scheduleVersion: 2 });
    // act
    const { shift } = await createShift(caller, { shiftId: 'shift_1', draft: draft(), now: new Date('2031-01-01T00:00:00Z') });
    // assess
    expect(transactions).toHaveLength(2);
    expect(reads.schedule).toBe(2);
    expect(shapeOf(transactions[1]!)).toEqual([
      // 09:00-13:00 UTC touches two 6-hour stripes.
      'Update LOCK#00089369',
      'Update LOCK#00089370',
      'Put ALLOC#2031-03-04T09:00:00.000Z#shift_1',
      'Put SHIFT',
      'Update EVENT#event_1',
      'Put SHIFT#shift_1',
      'Update SCHEDULE',
      // shift.created, in the same transaction (docs/webhooks.md).
      'Put OUTBOX',
    ]);
    expect(transactions[1]!.input.TransactItems![6]!.Update).toMatchObject({ ConditionExpression: '#version = :read', ExpressionAttributeValues: expect.objectContaining({ ':read': 2, ':next': 3 }) });
    expect(shift).toMatchObject({ id: 'shift_1', status: 'confirmed', version: 1, technicianIds: ['user_1'] });
  });

  it('never takes a shift id twice: a refused shift item is an error, not a retry', async () => {
    fakeTable([cancelled('None', 'None', 'None', 'ConditionalCheckFailed', 'None', 'None', 'None')]);
    await expect(createShift(caller, { shiftId: 'shift_1', draft: draft(), now: new Date('2031-01-01T00:00:00Z') })).rejects.toThrow('Shift id shift_1 already taken');
  });

  it('moves a shift in one transaction, reading and judging everything again after a TransactionConflict', async () => {
    // prepare
    fakeTable([]);
    const { shift } = await createShift(caller, { shiftId: 'shift_1', draft: draft(), now: new Date('2031-01-01T00:00:00Z') });
    vi.restoreAllMocks();
    const { transactions, reads } = fakeTable([cancelled('TransactionConflict', 'None', 'None', 'None', 'None', 'None', 'None', 'None', 'None')], { shift, scheduleVersion: 1 });
    const moved = draft('2031-03-05T10:00:00+01:00', '2031-03-05T14:00:00+01:00');
    // act
    const result = await updateShift(caller, 'shift_1', 1, () => ({ draft: moved, moved: true, policy: 'reject' }), new Date('2031-01-02T00:00:00Z'));
    // assess
    expect(transactions).toHaveLength(2);
    expect(reads.shift).toBe(2);
    expect(shapeOf(transactions[1]!)).toEqual([
      'Update LOCK#00089373',
      'Update LOCK#00089374',
      'Delete ALLOC#2031-03-04T09:00:00.000Z#shift_1',
      'Put ALLOC#2031-03-05T09:00:00.000Z#shift_1',
      'Put SHIFT',
      'Update EVENT#event_1',
      'Put SHIFT#shift_1',
      'Update SCHEDULE',
      'Put OUTBOX',
    ]);
    expect(transactions[1]!.input.TransactItems![4]!.Put).toMatchObject({ ConditionExpression: '#version = :version', ExpressionAttributeValues: { ':version': 1 } });
    expect(result.shift).toMatchObject({ version: 2, startAt: '2031-03-05T09:00:00.000Z' });
  });

  it('answers 412 when the shift changed since the version sent, before any write', async () => {
    fakeTable([]);
    const { shift } = await createShift(caller, { shiftId: 'shift_1', draft: draft(), now: new Date('2031-01-01T00:00:00Z') });
    vi.restoreAllMocks();
    const { transactions } = fakeTable([], { shift: { ...shift, version: 3 } });
    const failure = await updateShift(caller, 'shift_1', 1, () => ({ draft: draft(), moved: false, policy: 'reject' }), new Date()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ kind: 'precondition_failed', code: 'PRECONDITION_FAILED', details: { current_version: 3, sent_version: 1 } });
    expect(transactions).toHaveLength(0);
  });

  it('cancels by deleting the allocations with the shift, its index and its budget in one transaction', async () => {
    fakeTable([]);
    const { shift } = await createShift(caller, { shiftId: 'shift_1', draft: draft(), now: new Date('2031-01-01T00:00:00Z') });
    vi.restoreAllMocks();
    const { transactions } = fakeTable([], { shift });
    const result = await cancelShift(caller, 'shift_1', undefined, new Date('2031-01-02T00:00:00Z'));
    expect(result).toMatchObject({ status: 'cancelled', version: 2, cancelledBy: 'user_admin' });
    expect(shapeOf(transactions[0]!)).toEqual(['Delete ALLOC#2031-03-04T09:00:00.000Z#shift_1', 'Put SHIFT', 'Put SHIFT#shift_1', 'Update SCHEDULE', 'Update EVENT#event_1', 'Put OUTBOX']);
  });
});
