/**
 * The maintenance-due schedule's memory: one notice item per item, due date and threshold, put in
 * the same transaction as its outbox record, on condition that it does not exist. A second run
 * (or a run retried after a timeout) finds it and emits nothing.
 */
import { ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { cancellationReasons } from './conditions.ts';
import { outboxPut } from './outbox.ts';
import type { OutboxRecord } from '../domain/domain-events.ts';

/** Notices outlive their due date by a year: enough for a date that is never moved. */
const NOTICE_RETENTION_SECONDS = 400 * 24 * 3600;

export async function emitMaintenanceNotice(notice: { organizationId: string; equipmentId: string; dueDate: string; threshold: number }, record: OutboxRecord): Promise<boolean> {
  const key = keys.maintenanceNotice(notice.organizationId, notice.equipmentId, notice.dueDate, notice.threshold);
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...key, entity: 'MaintenanceNotice', ...notice, outboxId: record.id, expiresAt: Math.ceil(Date.parse(`${notice.dueDate}T00:00:00Z`) / 1000) + NOTICE_RETENTION_SECONDS },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          outboxPut(record),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/**
 * Every organisation's id and its maintenance horizon, if it set one (`maintenanceHorizonDays`).
 * A scan filtered on the organisation items: once a day, and the table has no list of organisations
 * (docs/webhooks.md says what a larger deployment would do instead).
 */
export async function listOrganizationsForMaintenance(): Promise<{ id: string; horizonDays: number | null }[]> {
  const found: { id: string; horizonDays: number | null }[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: '#entity = :organization',
        ProjectionExpression: 'id, maintenanceHorizonDays',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: { ':organization': 'Organization' },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (typeof item.id !== 'string') continue;
      found.push({ id: item.id, horizonDays: typeof item.maintenanceHorizonDays === 'number' ? item.maintenanceHorizonDays : null });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
}
