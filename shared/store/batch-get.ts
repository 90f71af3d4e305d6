/**
 * The one BatchGetItem loop: 100 keys a request, unprocessed keys retried with the shared backoff,
 * and never a silently partial answer: keys still unprocessed after the attempts are an error.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import type { Key } from './keys.ts';
import { DEFAULT_RETRY_POLICY, retryDelay } from '../domain/retry.ts';

const MAX_KEYS_PER_REQUEST = 100;

export interface BatchGetOptions {
  consistent?: boolean;
  /** Attributes to read (ProjectionExpression with safe names). */
  attributes?: readonly string[];
}

/** The items found, in no particular order; absent keys are simply absent. */
export async function batchGet(itemKeys: readonly Key[], options: BatchGetOptions = {}): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const projection = options.attributes?.length
    ? {
        ProjectionExpression: options.attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(options.attributes.map((name, i) => [`#a${i}`, name])),
      }
    : {};
  for (let i = 0; i < itemKeys.length; i += MAX_KEYS_PER_REQUEST) {
    let pending: Record<string, unknown>[] = itemKeys.slice(i, i + MAX_KEYS_PER_REQUEST).map((key) => ({ pk: key.pk, sk: key.sk }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > DEFAULT_RETRY_POLICY.maxAttempts) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${attempt - 1} attempts`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, retryDelay(DEFAULT_RETRY_POLICY, attempt)));
      const result = await documentClient.send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: options.consistent ?? false, ...projection } } }),
      );
      found.push(...(result.Responses?.[tableName()] ?? []));
      pending = (result.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}
