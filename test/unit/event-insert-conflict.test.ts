/**
 * Simultaneous creations of events with one title race for one slug item. Real DynamoDB cancels
 * such transactions as `TransactionConflict` (nothing refused); DynamoDB Local settles them one
 * after the other and never says so. Here, and only here, the document client is mocked so that
 * the creation's transaction is cancelled that way; the slug race itself is tested against the
 * emulator in the integration tests.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/store/client.ts';
import { insertEvent } from '../../shared/store/events.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import type { Event } from '../../shared/domain/event.ts';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

const build = (slug: string) => ({ id: 'e1', organizationId: 'org_1', slug, title: 'Concert' }) as unknown as Event;

function fakeTransactions(outcomes: (Error | null)[]) {
  const slugs: string[] = [];
  vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown) => {
    if (!(command instanceof TransactWriteCommand)) throw new Error('unexpected command');
    slugs.push(String((command.input.TransactItems![1]!.Put!.Item as { pk: string }).pk));
    const outcome = outcomes.shift() ?? null;
    if (outcome) throw outcome;
    return {};
  }) as never);
  return slugs;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('creating an event while another transaction holds its slug', () => {
  it('tries the same slug again after a conflict, instead of answering 500', async () => {
    // prepare
    process.env.TABLE_NAME ??= 'test-table';
    const slugs = fakeTransactions([cancelled('None', 'TransactionConflict'), null]);
    // act
    const event = await insertEvent(build, 'concert');
    // assess
    expect(event.slug).toBe('concert');
    expect(slugs).toEqual(['SLUG#concert', 'SLUG#concert']);
  });

  it('moves on to the next candidate when the slug is taken', async () => {
    // prepare
    process.env.TABLE_NAME ??= 'test-table';
    const slugs = fakeTransactions([cancelled('None', 'ConditionalCheckFailed'), null]);
    // act
    const event = await insertEvent(build, 'concert');
    // assess
    expect(event.slug).toBe('concert-2');
    expect(slugs).toEqual(['SLUG#concert', 'SLUG#concert-2']);
  });

  it('answers a 409 CONCURRENT_UPDATE when conflicts never stop', async () => {
    // prepare
    process.env.TABLE_NAME ??= 'test-table';
    fakeTransactions(Array.from({ length: 50 }, () => cancelled('None', 'TransactionConflict')));
    // act
    const failure = await insertEvent(build, 'concert').catch((error: unknown) => error);
    // assess
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).code).toBe('CONCURRENT_UPDATE');
  }, 20_000);
});
