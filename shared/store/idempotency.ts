/**
 * Idempotency records: a claim written with a condition (only one request may hold a key at a
 * time), then either completed with the final response or released. `expiresAt` is both the
 * TTL and the logical expiry: an in-flight claim expires with the invocation's deadline, a
 * completed record after the retention period. TTL sweeps lazily, so every read compares it to
 * the clock itself. See docs/idempotency.md.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { IdempotencyRecordEntity } from './entities/counters.ts';
import { isConditionalFailure } from './conditions.ts';
import { RETRY, withRetry } from '../domain/retry.ts';
import type { Caller } from './rate-limits.ts';

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

export interface IdempotencyRecord {
  status: 'IN_PROGRESS' | 'COMPLETED';
  /** Digest of what the request asked for (path, query, body): a different request under the same key is refused. */
  fingerprint: string;
  response?: StoredResponse;
}

export interface RecordAddress {
  caller: Caller;
  routeKey: string;
  keyHash: string;
}

export interface Claim extends RecordAddress {
  fingerprint: string;
  /** Proves ownership of the claim: completing or releasing someone else's claim is refused. */
  token: string;
  now: Date;
  /** Epoch seconds at which an unfinished claim stops blocking the key. */
  lockedUntil: number;
}

export type ClaimResult = { claimed: true } | { claimed: false; record: IdempotencyRecord };

const MAX_ATTEMPTS = 3;

export async function claimIdempotencyKey(claim: Claim): Promise<ClaimResult> {
  const key = keys.idempotencyRecord(claim.caller, claim.routeKey, claim.keyHash);
  const nowSeconds = Math.floor(claim.now.getTime() / 1000);
  // Under the one retry policy, bounded to MAX_ATTEMPTS: a record that keeps changing while it is claimed is a fault.
  return withRetry<ClaimResult>(
    async () => {
      try {
        await documentClient.send(
          new PutCommand({
            TableName: tableName(),
            Item: IdempotencyRecordEntity.toItem({
              caller: claim.caller,
              routeKey: claim.routeKey,
              keyHash: claim.keyHash,
              status: 'IN_PROGRESS',
              fingerprint: claim.fingerprint,
              token: claim.token,
              createdAt: claim.now.toISOString(),
              expiresAt: claim.lockedUntil,
            }),
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds },
          }),
        );
        return { done: { claimed: true } };
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
      }
      const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
      const stored = Item ? IdempotencyRecordEntity.fromItem(Item) : null;
      if (stored && stored.expiresAt > nowSeconds) {
        const { expiresAt: _expiresAt, ...record } = stored;
        return { done: { claimed: false, record } };
      }
      // Released or expired between our write and our read: the key is free again, claim it.
      return RETRY;
    },
    () => new Error('idempotency record kept changing while being claimed'),
    { maxAttempts: MAX_ATTEMPTS },
  );
}

/** Stores the final response; false when the claim was no longer ours (it expired and was taken over). */
export async function completeIdempotencyKey(
  address: RecordAddress & { token: string; response: StoredResponse; expiresAt: number; now: Date },
): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.idempotencyRecord(address.caller, address.routeKey, address.keyHash),
        UpdateExpression: 'SET #status = :completed, #response = :response, expiresAt = :expiresAt, completedAt = :now',
        ConditionExpression: '#token = :token AND #status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response', '#token': 'token' },
        ExpressionAttributeValues: {
          ':completed': 'COMPLETED',
          ':inProgress': 'IN_PROGRESS',
          ':response': address.response,
          ':expiresAt': address.expiresAt,
          ':now': address.now.toISOString(),
          ':token': address.token,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

/** Frees the key so that the client's retry runs again (the first attempt failed). */
export async function releaseIdempotencyKey(address: RecordAddress & { token: string }): Promise<void> {
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.idempotencyRecord(address.caller, address.routeKey, address.keyHash),
        ConditionExpression: '#token = :token',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: { ':token': address.token },
      }),
    );
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
  }
}
