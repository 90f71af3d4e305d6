/**
 * Offline sync reads (docs/documents.md, "Offline sync"): a technician's shifts from a start
 * instant on, through their own shift lines (gsi1 by start), then the shift items themselves.
 */
import * as keys from './keys.ts';
import { tableName } from './client.ts';
import { queryAll } from './query.ts';
import { batchGet } from './batch-get.ts';
import { shiftEntity } from './shifts.ts';
import type { Shift } from '../domain/shift.ts';

/** The shifts naming the technician that start at or after `fromIso`, by start. */
export async function shiftsOfTechnicianFrom(organizationId: string, userId: string, fromIso: string): Promise<Shift[]> {
  const { index, pk } = keys.shiftsOfTechnician(organizationId, userId);
  const lines = await queryAll({
    TableName: tableName(),
    IndexName: index,
    KeyConditionExpression: '#pk = :pk AND #sk >= :from',
    ExpressionAttributeNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
    ExpressionAttributeValues: { ':pk': pk, ':from': fromIso },
  });
  const ids = lines.map((line) => String(line.shiftId));
  if (ids.length === 0) return [];
  const items = await batchGet(ids.map((id) => keys.shift(organizationId, id)));
  return items.map((item) => shiftEntity.fromItem(item)).sort((a, b) => (a.startAt < b.startAt ? -1 : a.startAt > b.startAt ? 1 : 0));
}
