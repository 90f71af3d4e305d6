/**
 * Failed-login counting per e-mail address, shared by every Lambda instance. After
 * LOCK_THRESHOLD consecutive failures the address is locked for LOCK_MINUTES; the counter
 * itself expires (TTL) an hour after the last failure.
 */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { keys } from './keys.ts';

export const LOCK_THRESHOLD = 5;
export const LOCK_MINUTES = 15;

export async function lockedUntil(email: string, now: Date): Promise<Date | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.loginAttempts(email), ConsistentRead: true }));
  const until = Item?.lockedUntil as string | undefined;
  return until && Date.parse(until) > now.getTime() ? new Date(until) : null;
}

/** Counts a failure atomically; the call that reaches the threshold sets the lock. */
export async function recordFailure(email: string, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
  const { Attributes } = await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.loginAttempts(email),
      UpdateExpression: 'ADD failures :one SET expiresAt = :expires',
      ExpressionAttributeValues: { ':one': 1, ':expires': Math.floor(now.getTime() / 1000) + 3600 },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const failures = Number(Attributes?.failures ?? 1);
  if (failures < LOCK_THRESHOLD || failures % LOCK_THRESHOLD !== 0) return { failures, lockedUntil: null };
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.loginAttempts(email),
      UpdateExpression: 'SET lockedUntil = :until',
      ExpressionAttributeValues: { ':until': until.toISOString() },
    }),
  );
  return { failures, lockedUntil: until };
}

export async function clearFailures(email: string): Promise<void> {
  await documentClient.send(new DeleteCommand({ TableName: tableName(), Key: keys.loginAttempts(email) }));
}
