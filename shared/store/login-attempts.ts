/**
 * Login throttling counters, shared by every Lambda instance: one per (e-mail address, source IP)
 * and one per source IP, both under the pure policy of shared/domain/login-throttle.ts. An attempt
 * is counted when it is admitted, before the password is checked, and refunded if it succeeds, so
 * simultaneous attempts cannot slip past the count. See docs/rate-limits.md.
 */
import { DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { type Key } from './keys.ts';
import { LoginAttemptsEntity, LoginSourceAttemptsEntity } from './entities/counters.ts';
import { cancellationReasons, isConditionalFailure } from './conditions.ts';
import {
  ADDRESS_SOURCE_POLICY,
  SOURCE_POLICY,
  admittingStates,
  isForgotten,
  nextAttemptAt,
  type FailureCount,
  type ThrottlePolicy,
} from '../domain/login-throttle.ts';
import { RETRY, withRetry } from '../domain/retry.ts';

export interface LoginAttempt {
  email: string;
  sourceIp: string;
}

export type Admission = { admitted: true } | { admitted: false; /** Epoch ms. */ retryAt: number };

export interface ThrottlePolicies {
  addressSource: ThrottlePolicy;
  source: ThrottlePolicy;
}

const DEFAULT_POLICIES: ThrottlePolicies = { addressSource: ADDRESS_SOURCE_POLICY, source: SOURCE_POLICY };

const countersOf = (attempt: LoginAttempt, policies: ThrottlePolicies) => [
  { key: keys.loginAttempts(attempt.email, attempt.sourceIp), policy: policies.addressSource, entity: LoginAttemptsEntity.name },
  { key: keys.loginSourceAttempts(attempt.sourceIp), policy: policies.source, entity: LoginSourceAttemptsEntity.name },
];

async function readCount(key: Key): Promise<FailureCount | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  if (!Item || typeof Item.failures !== 'number' || typeof Item.lastAttemptAt !== 'number') return null;
  return { failures: Item.failures, lastAttemptAt: Item.lastAttemptAt };
}

/**
 * The conditional update that counts one attempt. The read only chooses between starting a
 * counter afresh and incrementing it; the condition re-checks, inside DynamoDB, that the stored
 * state still admits the attempt, so a concurrent attempt that changed it cancels this one.
 */
function countUpdate(key: Key, entity: string, policy: ThrottlePolicy, count: FailureCount | null, now: number) {
  const names = { '#failures': 'failures', '#last': 'lastAttemptAt', '#expires': 'expiresAt', '#entity': 'entity' };
  const common = { ':now': now, ':expires': Math.ceil((now + policy.forgetAfterMs) / 1000), ':forgetBefore': now - policy.forgetAfterMs };
  if (!count || isForgotten(count, policy, now)) {
    return {
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET #failures = :one, #last = :now, #expires = :expires, #entity = :entity',
      ConditionExpression: 'attribute_not_exists(#last) OR #last <= :forgetBefore',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...common, ':one': 1, ':entity': entity },
    };
  }
  const { below, steps } = admittingStates(policy, now);
  const values: Record<string, number> = { ...common, ':one': 1, ':below': below };
  const clauses = ['#failures < :below'];
  steps.forEach((step, index) => {
    values[`:f${index}`] = step.failures;
    values[`:t${index}`] = step.lastAttemptAtMost;
    clauses.push(`(#failures ${step.orMore ? '>=' : '='} :f${index} AND #last <= :t${index})`);
  });
  const { '#entity': _entity, ...liveNames } = names;
  return {
    TableName: tableName(),
    Key: key,
    UpdateExpression: 'ADD #failures :one SET #last = :now, #expires = :expires',
    ConditionExpression: `#last > :forgetBefore AND (${clauses.join(' OR ')})`,
    ExpressionAttributeNames: liveNames,
    ExpressionAttributeValues: values,
  };
}

/**
 * Admits a login attempt from `sourceIp` for `email` and counts it against both counters in one
 * transaction, or says when the source may try again. `now` is epoch ms (injectable for tests).
 */
export async function admitLoginAttempt(attempt: LoginAttempt, now: number, policies: ThrottlePolicies = DEFAULT_POLICIES): Promise<Admission> {
  const counters = countersOf(attempt, policies);
  const contended = new Error('login counters contended');
  try {
    return await withRetry<Admission>(
      async () => {
        const counts = await Promise.all(counters.map((counter) => readCount(counter.key)));
        const waits = counters.map((counter, index) => nextAttemptAt(counts[index]!, counter.policy, now)).filter((at): at is number => at !== null);
        if (waits.length) return { done: { admitted: false, retryAt: Math.max(...waits) } };
        try {
          await documentClient.send(
            new TransactWriteCommand({
              TransactItems: counters.map((counter, index) => ({ Update: countUpdate(counter.key, counter.entity, counter.policy, counts[index]!, now) })),
            }),
          );
          return { done: { admitted: true } };
        } catch (error) {
          if (!cancellationReasons(error)) throw error;
          // Another attempt changed a counter between the read and the write: read again.
          return RETRY;
        }
      },
      // The one retry policy's bound: DynamoDB cancels simultaneous transactions on one counter as
      // conflicts even when none of them commits, so a short bound refused attempts that should be
      // admitted. Past the bound the attempt is refused, never admitted uncounted.
      () => contended,
    );
  } catch (error) {
    if (error !== contended) throw error;
    return { admitted: false, retryAt: now + policies.addressSource.unitMs };
  }
}

async function refund(key: Key, policy: ThrottlePolicy, now: number): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'ADD #failures :minusOne',
        ConditionExpression: '#failures > :zero AND #last > :forgetBefore',
        ExpressionAttributeNames: { '#failures': 'failures', '#last': 'lastAttemptAt' },
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0, ':forgetBefore': now - policy.forgetAfterMs },
      }),
    );
  } catch (error) {
    // Forgotten or already cleared meanwhile: nothing left to refund.
    if (!isConditionalFailure(error)) throw error;
  }
}

/**
 * A wrong password: both counters' last attempt moves to the moment the failure is known, so the
 * wait runs from the refusal the client sees, however long the password check took.
 */
export async function recordLoginFailure(attempt: LoginAttempt, failedAt: number, policies: ThrottlePolicies = DEFAULT_POLICIES): Promise<void> {
  await Promise.all(
    countersOf(attempt, policies).map(async (counter) => {
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName: tableName(),
            Key: counter.key,
            UpdateExpression: 'SET #last = :failedAt, #expires = :expires',
            ConditionExpression: '#last < :failedAt',
            ExpressionAttributeNames: { '#last': 'lastAttemptAt', '#expires': 'expiresAt' },
            ExpressionAttributeValues: { ':failedAt': failedAt, ':expires': Math.ceil((failedAt + counter.policy.forgetAfterMs) / 1000) },
          }),
        );
      } catch (error) {
        // A later attempt already moved it (or the counter is gone): never move it back.
        if (!isConditionalFailure(error)) throw error;
      }
    }),
  );
}

/**
 * The right password: the (address, source) counter is cleared and the source gets its attempt
 * back, so logging in successfully never costs a source anything.
 */
export async function recordLoginSuccess(attempt: LoginAttempt, now: number, policies: ThrottlePolicies = DEFAULT_POLICIES): Promise<void> {
  await Promise.all([
    documentClient.send(new DeleteCommand({ TableName: tableName(), Key: keys.loginAttempts(attempt.email, attempt.sourceIp) })),
    refund(keys.loginSourceAttempts(attempt.sourceIp), policies.source, now),
  ]);
}

/** An attempt that proved nothing (the identity provider did not answer) is given back. */
export async function refundLoginAttempt(attempt: LoginAttempt, now: number, policies: ThrottlePolicies = DEFAULT_POLICIES): Promise<void> {
  await Promise.all(countersOf(attempt, policies).map((counter) => refund(counter.key, counter.policy, now)));
}
