/** Helpers to tell DynamoDB's conditional-write failures apart and turn them into domain errors. */
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

export const isConditionalFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/** The per-item reasons of a cancelled transaction, in the order of its items ('None' when fine). */
export function cancellationReasons(error: unknown): string[] | null {
  if (error instanceof TransactionCanceledException || (error as { name?: string })?.name === 'TransactionCanceledException') {
    const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
    return reasons.map((reason) => reason.Code ?? 'None');
  }
  return null;
}

/** Cancellation reasons that refuse nothing: the same write may simply be tried again. */
const TRANSIENT_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/**
 * A transaction lost to timing rather than refused by a condition: another transaction on one of
 * its items (real DynamoDB cancels both sides as `TransactionConflict`), or throttling. Trying the
 * same decision again is right; treating it as a refusal (or a 500) is not.
 */
export function isTransientTransactionFailure(error: unknown): boolean {
  if ((error as { name?: string })?.name === 'TransactionConflictException') return true;
  return (cancellationReasons(error) ?? []).some((reason) => TRANSIENT_REASONS.has(reason));
}
