/**
 * A registration whose transaction committed but whose answer was lost. DynamoDB Local cannot
 * produce that (it answers every request it commits), so here, and only here, the document client
 * is mocked: a tiny in-memory table that applies the transaction's puts and then throws what the
 * SDK would have thrown. The retry that follows must answer the registration that landed, not a
 * 409 "already registered" for the caller's own address.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InternalServerError, TransactionCanceledException, TransactionInProgressException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/store/client.ts';
import { register, tokenHashOf } from '../../shared/app/registrations/register.ts';
import { createEvent } from '../../shared/domain/event.ts';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

/** Applies every Put of a transaction unless one of their items exists (the markers' conditions). */
function fakeTable(afterFirstCommit: () => Error, firstLands = true) {
  const items = new Map<string, Record<string, unknown>>();
  const keyOf = (key: { pk: unknown; sk: unknown }) => `${String(key.pk)}|${String(key.sk)}`;
  const transactions: string[] = [];
  vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown) => {
    if (command instanceof TransactWriteCommand) {
      const puts = command.input.TransactItems!.map((item) => item.Put?.Item).filter((item): item is Record<string, unknown> => !!item);
      const reasons = command.input.TransactItems!.map((item) => (item.Put && items.has(keyOf(item.Put.Item as never)) ? 'ConditionalCheckFailed' : 'None'));
      if (reasons.includes('ConditionalCheckFailed')) {
        transactions.push('refused');
        throw cancelled(...reasons);
      }
      if (transactions.length === 0 && !firstLands) {
        transactions.push('failed');
        throw afterFirstCommit();
      }
      for (const item of puts) items.set(keyOf(item as never), item);
      transactions.push('committed');
      // The first commit's answer is lost: what reaches the caller is this error instead.
      if (transactions.length === 1) throw afterFirstCommit();
      return {};
    }
    if (command instanceof GetCommand) return { Item: items.get(keyOf(command.input.Key as never)) };
    if (command instanceof QueryCommand) return { Count: 0, Items: [] };
    throw new Error('unexpected command');
  }) as never);
  return { items, transactions };
}

const publishedEvent = () =>
  createEvent(
    { title: 'Concert', mode: 'ONLINE', startAt: '2030-01-01T18:00:00Z', capacity: null, status: 'PUBLISHED' } as never,
    { id: 'e0000000-0000-4000-8000-000000000001', organizationId: 'org_1', organizerId: 'user_1', slug: 'concert' },
    new Date(),
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a registration committed by an attempt whose answer was lost', () => {
  it.each([
    ['the SDK retried while the first attempt was still in progress', () => new TransactionInProgressException({ message: 'in progress', $metadata: {} })],
    ['the retry saw a transaction conflict', () => cancelled('TransactionConflict', 'None', 'None', 'None', 'None')],
    ['the service answered 500 after committing', () => new InternalServerError({ message: 'internal', $metadata: {} })],
  ])('is answered as created (%s), with the token of the write that landed', async (_, lostAnswer) => {
    // prepare
    process.env.TABLE_NAME ??= 'test-table';
    const table = fakeTable(lostAnswer);
    // act
    const outcome = await register(publishedEvent(), { name: 'Ada', email: 'Ada@Example.com', source: 'page' }, true);
    // assess
    expect(table.transactions).toEqual(['committed', 'refused']);
    expect(outcome.kind).toBe('created');
    if (outcome.kind !== 'created') return;
    const stored = [...table.items.values()].filter((item) => String(item.sk).startsWith('REG#'));
    expect(stored).toHaveLength(1);
    expect(outcome.registration.id).toBe(String(stored[0]!.sk).slice('REG#'.length));
    expect(outcome.registration.status).toBe('CONFIRMED');
    expect(tokenHashOf(outcome.token!)).toBe(stored[0]!.tokenHash);
  });

  it('is written by the next attempt when a 500 came before anything landed (DynamoDB Local: "too long waiting for a lock")', async () => {
    // prepare
    process.env.TABLE_NAME ??= 'test-table';
    const table = fakeTable(() => new InternalServerError({ message: 'This action timed out because it too long waiting for a lock.', $metadata: {} }), false);
    // act
    const outcome = await register(publishedEvent(), { name: 'Ada', email: 'ada@example.com', source: 'api' }, false);
    // assess
    expect(table.transactions).toEqual(['failed', 'committed']);
    expect(outcome.kind).toBe('created');
    expect([...table.items.keys()].filter((key) => key.includes('|REG#'))).toHaveLength(1);
  });
});
