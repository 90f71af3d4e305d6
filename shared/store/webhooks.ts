/**
 * Webhook endpoints, their deliveries and the organisation's daily request counter
 * (docs/webhooks.md). Keys from keys.ts; no rule here beyond the conditions that keep writes sound.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { type Key } from './keys.ts';
import { defineEntity } from './entity.ts';
import { isConditionalFailure } from './conditions.ts';
import { queryAll } from './query.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../domain/webhooks.ts';

/** Deliveries are kept 30 days. */
export const DELIVERY_RETENTION_SECONDS = 30 * 24 * 3600;

export const WebhookEndpointEntity = defineEntity<WebhookEndpoint>({
  name: 'WebhookEndpoint',
  key: (endpoint) => keys.webhookEndpoint(endpoint.organizationId, endpoint.id),
});

export const WebhookDeliveryEntity = defineEntity<WebhookDelivery>({
  name: 'WebhookDelivery',
  key: (delivery) => keys.webhookDelivery(delivery.organizationId, delivery.endpointId, delivery.id),
  extra: (delivery) => ({ expiresAt: Math.ceil(Date.parse(delivery.createdAt) / 1000) + DELIVERY_RETENTION_SECONDS }),
});

const get = async (key: Key, consistent = true) => (await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: consistent }))).Item;

export async function putWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: WebhookEndpointEntity.toItem(endpoint), ConditionExpression: 'attribute_not_exists(pk)' }));
}

export async function getWebhookEndpoint(organizationId: string, endpointId: string): Promise<WebhookEndpoint | null> {
  const item = await get(keys.webhookEndpoint(organizationId, endpointId));
  return item ? WebhookEndpointEntity.fromItem(item) : null;
}

export async function listWebhookEndpoints(organizationId: string, consistent = false): Promise<WebhookEndpoint[]> {
  const where = keys.webhookEndpoints(organizationId);
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
    ConsistentRead: consistent,
  });
  return items.map((item) => WebhookEndpointEntity.fromItem(item));
}

/** Replaces the endpoint if it still exists (a concurrent delete wins: false). */
export async function replaceWebhookEndpoint(endpoint: WebhookEndpoint): Promise<boolean> {
  try {
    await documentClient.send(new PutCommand({ TableName: tableName(), Item: WebhookEndpointEntity.toItem(endpoint), ConditionExpression: 'attribute_exists(pk)' }));
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

export async function deleteWebhookEndpoint(organizationId: string, endpointId: string): Promise<boolean> {
  try {
    await documentClient.send(new DeleteCommand({ TableName: tableName(), Key: keys.webhookEndpoint(organizationId, endpointId), ConditionExpression: 'attribute_exists(pk)' }));
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

/** A success ends the failure streak; a 410 or days of failures disable the endpoint. Attribute-level, so a concurrent PATCH is not overwritten. */
export async function recordEndpointOutcome(organizationId: string, endpointId: string, outcome: { succeeded: true } | { disabled: 'gone' | 'failing'; at: string }): Promise<void> {
  const names: Record<string, string> = { '#failingSince': 'failingSince' };
  const values: Record<string, unknown> = { ':null': null };
  let expression = 'SET #failingSince = :null';
  if ('disabled' in outcome) {
    expression += ', #status = :disabled, #reason = :reason, #updatedAt = :at';
    Object.assign(names, { '#status': 'status', '#reason': 'disabledReason', '#updatedAt': 'updatedAt' });
    Object.assign(values, { ':disabled': 'disabled', ':reason': outcome.disabled, ':at': outcome.at });
  }
  try {
    await documentClient.send(
      new UpdateCommand({ TableName: tableName(), Key: keys.webhookEndpoint(organizationId, endpointId), UpdateExpression: expression, ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: names, ExpressionAttributeValues: values }),
    );
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
  }
}

/** Starts a failure streak where none is running. */
export async function markEndpointFailing(organizationId: string, endpointId: string, at: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.webhookEndpoint(organizationId, endpointId),
        UpdateExpression: 'SET #failingSince = :at',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#failingSince) OR #failingSince = :null)',
        ExpressionAttributeNames: { '#failingSince': 'failingSince' },
        ExpressionAttributeValues: { ':at': at, ':null': null },
      }),
    );
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Deliveries.

export async function getWebhookDelivery(organizationId: string, endpointId: string, deliveryId: string): Promise<WebhookDelivery | null> {
  const item = await get(keys.webhookDelivery(organizationId, endpointId, deliveryId));
  return item ? WebhookDeliveryEntity.fromItem(item) : null;
}

/** Creates the delivery unless it exists (a redelivered message finds the one it made): returns what is stored. */
export async function ensureWebhookDelivery(delivery: WebhookDelivery): Promise<WebhookDelivery> {
  try {
    await documentClient.send(new PutCommand({ TableName: tableName(), Item: WebhookDeliveryEntity.toItem(delivery), ConditionExpression: 'attribute_not_exists(pk)' }));
    return delivery;
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
    return (await getWebhookDelivery(delivery.organizationId, delivery.endpointId, delivery.id)) ?? delivery;
  }
}

export async function saveWebhookDelivery(delivery: WebhookDelivery): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: WebhookDeliveryEntity.toItem(delivery) }));
}

/** Newest first. */
export async function listWebhookDeliveries(organizationId: string, endpointId: string, limit: number, before?: string): Promise<WebhookDelivery[]> {
  const where = keys.webhookDeliveries(organizationId, endpointId);
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: before ? 'pk = :pk AND sk BETWEEN :prefix AND :before' : 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix, ...(before ? { ':before': `${where.skPrefix}${before}` } : {}) },
      ScanIndexForward: false,
      Limit: limit + (before ? 1 : 0),
    }),
  );
  return (Items ?? []).map((item) => WebhookDeliveryEntity.fromItem(item)).filter((delivery) => delivery.id !== before).slice(0, limit);
}

// ---------------------------------------------------------------------------------------------
// The daily counter.

/**
 * Counts one webhook request of the organisation on `day` if the count is below `limit`.
 * The condition is the invariant: concurrent deliveries can never pass the limit together.
 */
export async function takeDailyRequest(organizationId: string, day: string, limit: number): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.webhookDay(organizationId, day),
        UpdateExpression: 'ADD #count :one SET #expiresAt = if_not_exists(#expiresAt, :expires), #entity = :entity',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count', '#expiresAt': 'expiresAt', '#entity': 'entity' },
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': Math.ceil(Date.parse(`${day}T00:00:00Z`) / 1000) + 3 * 24 * 3600, ':entity': 'WebhookDayCount' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

/** The organisation's own daily webhook limit (a plan feature: `rateLimits.webhooksPerDay`), if any. */
export async function getOrganizationWebhookLimit(organizationId: string): Promise<number | null> {
  const item = await get(keys.organization(organizationId), false);
  const value = (item?.rateLimits as Record<string, unknown> | undefined)?.webhooksPerDay;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}
