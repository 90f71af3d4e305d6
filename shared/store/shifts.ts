/**
 * Shift repository: the shift's items, keys, reads and the transactions of its writes. docs/shifts.md
 * has the rules, docs/data-model.md the keys. The use cases that load, judge (shared/domain/shift.ts)
 * and commit one unit of work are in shared/app/shifts/.
 *
 *   reads    getShift, getShiftWithAttendance, resolveShiftResources, listShiftPage,
 *            listShiftIdsOfTechnicianOnEvent, readTechnicianSchedule, shiftSettings
 *   writes   shiftCreationPlan / shiftChangePlan    the items a creation / change adds to allocate()'s
 *                                                   transaction (allocate() runs the lock protocol)
 *            writeShiftCancellation                 release() with the shift's items
 *            recordActualTime                       check-in / check-out beside the shift (attendance items)
 *
 * Every resource a shift holds is an allocation of shared/store/allocations.ts (technicians:
 * type `technician`, id = user id; equipment: type `equipment`), owned by the shift (allocation id
 * = owner id = shift id), over `[call_time, end_time)`. Labour rules read 23 weeks of a
 * technician's shifts, far more than the allocation locks (one per 6-hour stripe) protect; the
 * technician's schedule item carries a version that every shift write holding them bumps,
 * conditioned on the version read before their shifts were: two shifts judged against the same
 * week cannot both be written.
 */
import { decodeCursor, encodeCursor } from './cursor.ts';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { config } from '../config.ts';
import * as keys from './keys.ts';
import { withoutKeys, type Key } from './keys.ts';
import { cancellationReasons, isConditionalFailure } from './conditions.ts';
import { defineEntity } from './entity.ts';
import { batchGet } from './batch-get.ts';
import { allocationEntity, release, setAttributes, END_OF_TIME, type AllocationPlan, type AllocationRequest, type ResourceRef, type TransactItem } from './allocations.ts';
import { queryAll } from './query.ts';
import { equipmentUnchangedCheck } from './equipment.ts';
import type { User } from './identity.ts';
import { UserEntity } from './entities/identity.ts';
import { TechnicianProfileEntity } from './entities/technicians.ts';
import { EquipmentEntity } from './entities/equipment.ts';
import { HOLD_ATTRIBUTES } from './events.ts';
import { MAX_ALLOCATION_MS, type Allocation, type Interval } from '../domain/allocation.ts';
import { EQUIPMENT_RESOURCE, type Equipment } from '../domain/equipment.ts';
import { workedOf } from '../domain/shift.ts';
import { resolveOrgSettings, type OrgSettings, type OrgSettingsOverrides } from '../domain/org-settings.ts';
import {
  consumedCents,
  decodeWorked,
  encodeWorked,
  heldInterval,
  resourceKeyOf,
  SHIFT_OWNER,
  shiftCancelled,
  shiftNotFound,
  TECHNICIAN_RESOURCE,
  timesOfShift,
  type Attendance,
  type EquipmentState,
  type EventWithConsumption,
  type HeldShift,
  type Shift,
  type ShiftResource,
  type ShiftStatus,
  type ShiftTimes,
} from '../domain/shift.ts';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../domain/time/local-date.ts';
import type { TechnicianProfile } from '../domain/technician.ts';
import { DomainError } from '../domain/errors.ts';

const iso = (instant: number) => new Date(instant).toISOString();
const technicianRef = (userId: string): ResourceRef => ({ type: TECHNICIAN_RESOURCE, id: userId });
const equipmentRef = (equipmentId: string): ResourceRef => ({ type: EQUIPMENT_RESOURCE, id: equipmentId });
const refOf = (resource: Pick<ShiftResource, 'type' | 'id'>): ResourceRef => (resource.type === 'technician' ? technicianRef(resource.id) : equipmentRef(resource.id));

// ---------------------------------------------------------------------------------------------
// Entities.

export const shiftEntity = defineEntity<Shift>({
  name: 'Shift',
  key: (shift) => keys.shift(shift.organizationId, shift.id),
  indexes: (shift) => keys.shiftIndexes(shift.organizationId, shift.eventId, shift.startAt, shift.id),
});

/** The technician's line of the shift, for their lists; the shift item stays the truth. */
export interface TechnicianShift {
  organizationId: string;
  userId: string;
  shiftId: string;
  eventId: string;
  callAt: string;
  startAt: string;
  endAt: string;
  role: string | null;
  held: boolean;
  status: ShiftStatus;
}

export const technicianShiftEntity = defineEntity<TechnicianShift>({
  name: 'TechnicianShift',
  key: (line) => keys.technicianShift(line.organizationId, line.userId, line.shiftId),
  indexes: (line) => keys.technicianShiftIndexes(line.organizationId, line.userId, line.eventId, line.startAt, line.shiftId),
});

/** A technician's check-in / check-out record, beside the shift (its partition). */
export const attendanceEntity = defineEntity<Attendance & { organizationId: string; shiftId: string }>({
  name: 'Attendance',
  key: (record) => keys.shiftAttendance(record.organizationId, record.shiftId, record.technicianId),
});

/** A technician's schedule item: only a version, bumped by every shift write holding them (written by update expressions). */
export const technicianScheduleEntity = defineEntity<{ organizationId: string; userId: string; version: number }, Key, { version: number | null }>({
  name: 'TechnicianSchedule',
  key: (schedule) => keys.technicianSchedule(schedule.organizationId, schedule.userId),
  encode: ({ userId, version }) => ({ version, userId }),
  decode: (item) => ({ version: typeof item.version === 'number' ? item.version : null }),
});

// ---------------------------------------------------------------------------------------------
// Settings.

const settingsCache = new Map<string, { value: { timeZone: string; settings: OrgSettings }; until: number }>();
const SETTINGS_CACHE_MS = 60_000;

/**
 * The organisation's time zone (Europe/Paris when unset) and its labour and pay settings: IDCC
 * 2717 with the overrides of the organisation item's `labourSettings` (OrgSettingsOverrides).
 * Cached for a minute per execution environment, like the rate-limit plan.
 */
export async function shiftSettings(organizationId: string): Promise<{ timeZone: string; settings: OrgSettings }> {
  const cached = settingsCache.get(organizationId);
  if (cached && cached.until > Date.now()) return cached.value;
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.organization(organizationId),
      ProjectionExpression: '#timezone, #labourSettings',
      ExpressionAttributeNames: { '#timezone': 'timezone', '#labourSettings': 'labourSettings' },
    }),
  );
  const timeZone = typeof Item?.timezone === 'string' && isValidTimeZone(Item.timezone) ? Item.timezone : DEFAULT_TIME_ZONE;
  const overrides = (typeof Item?.labourSettings === 'object' && Item.labourSettings !== null ? Item.labourSettings : {}) as OrgSettingsOverrides;
  const value = { timeZone, settings: resolveOrgSettings({ ...overrides, timeZone }) };
  settingsCache.set(organizationId, { value, until: Date.now() + SETTINGS_CACHE_MS });
  return value;
}

// ---------------------------------------------------------------------------------------------
// Items.

const technicianShiftItem = (shift: Shift, technician: Extract<ShiftResource, { type: 'technician' }>) =>
  technicianShiftEntity.toItem({
    organizationId: shift.organizationId,
    userId: technician.id,
    shiftId: shift.id,
    eventId: shift.eventId,
    callAt: shift.callAt,
    startAt: shift.startAt,
    endAt: shift.endAt,
    role: technician.role,
    held: technician.held,
    status: shift.status,
  });

const technicianShiftPut = (shift: Shift, technician: Extract<ShiftResource, { type: 'technician' }>): TransactItem => ({
  Put: { TableName: tableName(), Item: technicianShiftItem(shift, technician) },
});

/** Bumps a technician's schedule version, on condition that it is still the one read (absent: never written). */
function scheduleBump(organizationId: string, userId: string, read: number | null): TransactItem {
  const schedule = { organizationId, userId, version: (read ?? 0) + 1 };
  const set = setAttributes(technicianScheduleEntity.toItem(schedule), ['version']);
  return {
    Update: {
      TableName: tableName(),
      Key: technicianScheduleEntity.key(schedule),
      UpdateExpression: `SET #version = :next, ${set.expression}`,
      ConditionExpression: read === null ? 'attribute_not_exists(pk)' : '#version = :read',
      ExpressionAttributeNames: { '#version': 'version', ...set.names },
      ExpressionAttributeValues: { ':next': schedule.version, ...set.values, ...(read === null ? {} : { ':read': read }) },
    },
  };
}

/**
 * The event's side of a shift write: its budget consumption (cents per line, in its
 * `budgetConsumed` map) moved by `deltas`, and its hold counter (`activeHolds`, see
 * eventHoldUpdate in events.ts) by `holds`, on condition that the event exists (and, for plans,
 * is not cancelled nor being deleted). One item, since a transaction touches the event once. The
 * event's version moves too: PlanningHub and EventLite edits rewrite the item from what they
 * read, and would otherwise put back a stale consumption. With `consumption: false` (an event
 * written before shifts, being given a shift back) only the counter moves.
 */
function consumptionUpdate(
  organizationId: string,
  eventId: string,
  deltas: ReadonlyMap<string, number>,
  options: { requireActive: boolean; holds: -1 | 0 | 1; consumption?: boolean },
): TransactItem {
  const withConsumption = options.consumption ?? true;
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':one': 1 };
  const sets = ['#version = #version + :one'];
  const conditions = ['attribute_exists(pk)'];
  if (withConsumption) {
    names['#consumed'] = 'budgetConsumed';
    values[':zero'] = 0;
    values[':map'] = 'M';
    conditions.push('attribute_type(#consumed, :map)');
    [...deltas].forEach(([line, delta], i) => {
      names[`#l${i}`] = line;
      values[`:d${i}`] = delta;
      sets.push(`#consumed.#l${i} = if_not_exists(#consumed.#l${i}, :zero) + :d${i}`);
    });
  }
  if (options.requireActive) {
    names['#status'] = 'status';
    names['#deletingAt'] = HOLD_ATTRIBUTES.deletingAt;
    values[':cancelled'] = 'CANCELLED';
    conditions.push('#status <> :cancelled', 'attribute_not_exists(#deletingAt)');
  }
  let update = `SET ${sets.join(', ')}`;
  if (options.holds !== 0) {
    names['#holds'] = HOLD_ATTRIBUTES.holds;
    values[':holds'] = options.holds;
    update += ' ADD #holds :holds';
  }
  return {
    Update: {
      TableName: tableName(),
      Key: keys.event(organizationId, eventId),
      UpdateExpression: update,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Gives an event its consumption map once; events written before shifts existed have none. */
export async function ensureConsumptionMap(organizationId: string, eventId: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.event(organizationId, eventId),
        UpdateExpression: 'SET #consumed = :empty, #version = #version + :one',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#consumed)',
        ExpressionAttributeNames: { '#consumed': 'budgetConsumed', '#version': 'version' },
        ExpressionAttributeValues: { ':empty': {}, ':one': 1 },
      }),
    );
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
  }
}


export function allocationRequest(shift: Shift, resource: ShiftResource, times: ShiftTimes, capacity: number, worked: string): AllocationRequest {
  const interval = heldInterval(times);
  return {
    resource: refOf(resource),
    capacity,
    allocation: {
      id: shift.id,
      start: interval.start,
      end: interval.end,
      quantity: resource.type === 'equipment' ? resource.quantity : 1,
      ownerType: SHIFT_OWNER,
      ownerId: shift.id,
      eventId: shift.eventId,
      // The labour checks of the technician's next shifts read `worked`; availability reads shiftId.
      attributes:
        resource.type === 'technician'
          ? { shiftId: shift.id, shiftStartAt: shift.startAt, role: resource.role, worked }
          : { shiftId: shift.id, technicianId: null, role: resource.role },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reads.

export async function getShift(organizationId: string, shiftId: string, consistent = false): Promise<Shift | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.shift(organizationId, shiftId), ConsistentRead: consistent }));
  return Item ? shiftEntity.fromItem(Item) : null;
}

/** The shift and the check-in/out records of its technicians (one partition). */
/** `consistent`: for a caller that decides from what it reads (check-in); a view reads eventually consistent. */
export async function getShiftWithAttendance(organizationId: string, shiftId: string, consistent = true): Promise<{ shift: Shift; attendance: Attendance[] } | null> {
  const { pk } = keys.shift(organizationId, shiftId);
  const { Items = [] } = await documentClient.send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: consistent }));
  const item = Items.find((candidate) => candidate.sk === 'SHIFT');
  if (!item) return null;
  const attendance = Items.filter((candidate) => candidate.entity === 'Attendance').map((candidate) => ({
    technicianId: String(candidate.technicianId),
    checkInAt: typeof candidate.checkInAt === 'string' ? candidate.checkInAt : null,
    checkOutAt: typeof candidate.checkOutAt === 'string' ? candidate.checkOutAt : null,
  }));
  return { shift: shiftEntity.fromItem(item), attendance };
}

/**
 * What a shift's detail view names: its technicians' names and skills, its equipment. One
 * BatchGet for the three kinds of item (issue 14, "Fewest round trips"), told apart by `entity`.
 */
export async function resolveShiftResources(organizationId: string, shift: Shift): Promise<{ users: Map<string, User>; profiles: Map<string, TechnicianProfile>; equipment: Map<string, Equipment> }> {
  // BatchGetItem refuses a list holding the same key twice.
  const technicianIds = [...new Set(shift.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id))];
  const equipmentIds = [...new Set(shift.resources.filter((resource) => resource.type === 'equipment').map((resource) => resource.id))];
  const wanted = new Map<string, (item: Record<string, unknown>) => void>();
  const users = new Map<string, User>();
  const profiles = new Map<string, TechnicianProfile>();
  const equipment = new Map<string, Equipment>();
  const requested: Key[] = [];
  const want = (key: Key, take: (item: Record<string, unknown>) => void) => {
    requested.push(key);
    wanted.set(JSON.stringify([key.pk, key.sk]), take);
  };
  for (const id of technicianIds) {
    want(keys.user(id), (item) => users.set(id, UserEntity.fromItem(item)));
    want(keys.technicianProfile(organizationId, id), (item) => profiles.set(id, TechnicianProfileEntity.fromItem(item)));
  }
  for (const id of equipmentIds) want(keys.equipment(organizationId, id), (item) => equipment.set(id, EquipmentEntity.fromItem(item)));
  for (const item of await batchGet(requested)) wanted.get(JSON.stringify([item.pk, item.sk]))?.(item);
  return { users, profiles, equipment };
}

export async function getShifts(organizationId: string, shiftIds: readonly string[]): Promise<Map<string, Shift>> {
  const items = await batchGet([...new Set(shiftIds)].map((id) => keys.shift(organizationId, id)));
  return new Map(items.map((item) => [String(item.id), shiftEntity.fromItem(item)]));
}

export async function readScheduleVersion(organizationId: string, userId: string): Promise<number | null> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.technicianSchedule(organizationId, userId), ConsistentRead: true, ProjectionExpression: '#version', ExpressionAttributeNames: { '#version': 'version' } }),
  );
  return Item ? technicianScheduleEntity.fromItem(Item).version : null;
}

/**
 * The shifts holding a technician whose worked time meets `window`, with their worked intervals:
 * one range query on the technician's allocations by start, `[window.start - 7 days, window.end]`,
 * whatever their history. `version` is the schedule version read first (consistent), so that a
 * write conditioned on it knows nothing moved since these were read.
 */
export async function readTechnicianSchedule(
  organizationId: string,
  userId: string,
  window: Interval,
  options: { exceptShiftId?: string; consistent?: boolean } = {},
): Promise<{ version: number | null; shifts: HeldShift[] }> {
  const version = options.consistent === false ? null : await readScheduleVersion(organizationId, userId);
  const { shifts } = await readTechnicianShifts(organizationId, userId, window, options);
  return { version, shifts };
}

/**
 * The schedule query alone, for a caller that read the version itself (in an earlier round trip
 * with its other reads): the shifts meeting `window`, and every allocation of the technician that
 * overlaps it (the allocation store's overlap check needs nothing else within `window`).
 */
export async function readTechnicianShifts(
  organizationId: string,
  userId: string,
  window: Interval,
  options: { exceptShiftId?: string; consistent?: boolean } = {},
): Promise<{ shifts: HeldShift[]; allocations: Allocation[] }> {
  const where = keys.resourceAllocationsStartingBetween(organizationId, TECHNICIAN_RESOURCE, userId, iso(Math.max(0, window.start - MAX_ALLOCATION_MS)), iso(Math.min(window.end, END_OF_TIME)));
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': where.pk, ':from': where.skFrom, ':to': where.skTo },
    ConsistentRead: options.consistent !== false,
  });
  const shifts: HeldShift[] = [];
  const allocations: Allocation[] = [];
  for (const item of items) {
    const allocation = allocationEntity.fromItem(item);
    if (!(allocation.end > window.start && allocation.start < window.end)) continue;
    allocations.push(allocation);
    if (allocation.ownerId === options.exceptShiftId) continue;
    shifts.push({ ...allocation, worked: decodeWorked(item.worked, { start: allocation.start, end: allocation.end }) });
  }
  return { shifts, allocations };
}

/** The technician's shift ids on an event, by start, cancelled ones left out (at most `limit`). */
export async function listShiftIdsOfTechnicianOnEvent(organizationId: string, userId: string, eventId: string, limit = 100): Promise<string[]> {
  const where = keys.shiftsOfTechnician(organizationId, userId, eventId);
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: where.index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${where.index}pk` },
      ExpressionAttributeValues: { ':pk': where.pk },
      Limit: limit,
    }),
  );
  return Items.filter((item) => item.status !== 'cancelled').map((item) => String(item.shiftId));
}

// ---------------------------------------------------------------------------------------------
// Lists.

export interface ShiftListFilters {
  eventId?: string;
  technicianId?: string;
  role?: string;
  status?: ShiftStatus;
  /**
   * Bounds of the shifts' start (epoch ms): from inclusive, before exclusive. The use case turns
   * the request's local days into instants, so this module needs no zone arithmetic (and the
   * functions that bundle it no @date-fns/tz).
   */
  startsFrom?: number;
  startsBefore?: number;
  limit: number;
  cursor?: string;
}

export interface ShiftPage {
  shifts: Shift[];
  nextCursor: string | null;
}

/** Items one list request may read, so that a very selective filter cannot walk a whole history at once. */
const MAX_EVALUATED_PER_PAGE = 500;
const SHIFT_ID = /^[A-Za-z0-9_-]{1,100}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The cursor names the last shift read (its start and id); the position to resume from is rebuilt
 * with the key builders of the list being read, so nothing a client writes becomes a key unchecked
 * and a cursor can only point inside the caller's own lists.
 */
const shiftCursor = (decoded: unknown): { startAt: string; shiftId: string } | null => {
  if (!Array.isArray(decoded) || decoded.length !== 2) return null;
  const [startAt, shiftId] = decoded as unknown[];
  if (typeof startAt !== 'string' || typeof shiftId !== 'string' || !ISO_INSTANT.test(startAt) || !SHIFT_ID.test(shiftId)) return null;
  return { startAt, shiftId };
};

export async function listShiftPage(organizationId: string, filters: ShiftListFilters): Promise<ShiftPage> {
  const byTechnician = filters.technicianId !== undefined;
  const where = byTechnician
    ? keys.shiftsOfTechnician(organizationId, filters.technicianId!, filters.eventId)
    : filters.eventId !== undefined
      ? keys.shiftsOfEvent(organizationId, filters.eventId)
      : keys.shiftsOfOrganization(organizationId);
  const positionOf = (startAt: string, shiftId: string): Record<string, string> => {
    const table = byTechnician ? keys.technicianShift(organizationId, filters.technicianId!, shiftId) : keys.shift(organizationId, shiftId);
    return { ...table, [`${where.index}pk`]: where.pk, [`${where.index}sk`]: `${startAt}#${shiftId}` };
  };
  const lower = filters.startsFrom === undefined ? null : iso(filters.startsFrom);
  const upper = filters.startsBefore === undefined ? null : iso(filters.startsBefore);
  const names: Record<string, string> = { '#pk': `${where.index}pk`, '#sk': `${where.index}sk` };
  const values: Record<string, unknown> = { ':pk': where.pk };
  let condition = '#pk = :pk';
  // `<start>#<id>` sorts after `<start>`: a shift starting exactly at the next midnight is the next day's.
  if (lower !== null && upper !== null) {
    condition += ' AND #sk BETWEEN :lower AND :upper';
    Object.assign(values, { ':lower': lower, ':upper': upper });
  } else if (lower !== null) {
    condition += ' AND #sk >= :lower';
    values[':lower'] = lower;
  } else if (upper !== null) {
    condition += ' AND #sk < :upper';
    values[':upper'] = upper;
  } else {
    delete names['#sk'];
  }
  const input: QueryCommandInput = { TableName: tableName(), IndexName: where.index, KeyConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
  const accept = (item: Record<string, unknown>): boolean => {
    const status = item.status as ShiftStatus;
    if (filters.status !== undefined ? status !== filters.status : status === 'cancelled') return false;
    if (filters.role === undefined) return true;
    if (byTechnician) return item.role === filters.role;
    return ((item.resources ?? []) as ShiftResource[]).some((resource) => resource.role === filters.role);
  };

  let startKey: Record<string, unknown> | undefined;
  if (filters.cursor) {
    // Inside the dates read: DynamoDB refuses a start key outside the key condition.
    const inRange = ({ startAt, shiftId }: { startAt: string; shiftId: string }) =>
      (lower === null || `${startAt}#${shiftId}` >= lower) && (upper === null || `${startAt}#${shiftId}` < upper);
    const { startAt, shiftId } = decodeCursor(filters.cursor, shiftCursor, inRange);
    startKey = positionOf(startAt, shiftId);
  }
  const matched: Record<string, unknown>[] = [];
  let evaluated = 0;
  let nextCursor: string | null = null;
  for (;;) {
    const page = await documentClient.send(new QueryCommand({ ...input, Limit: Math.min(100, MAX_EVALUATED_PER_PAGE - evaluated), ExclusiveStartKey: startKey }));
    let stoppedEarly = false;
    for (const item of page.Items ?? []) {
      evaluated++;
      if (!accept(item)) continue;
      if (matched.length === filters.limit) {
        // One match past the page says another page exists without handing out a cursor to an empty one.
        const last = matched.at(-1)!;
        nextCursor = encodeCursor([String(last.startAt), String(byTechnician ? last.shiftId : last.id)]);
        stoppedEarly = true;
        break;
      }
      matched.push(item);
    }
    if (stoppedEarly || !page.LastEvaluatedKey) break;
    startKey = page.LastEvaluatedKey;
    if (evaluated >= MAX_EVALUATED_PER_PAGE) {
      // Everything up to the last item read was judged: resuming after it skips nothing.
      const sk = String(startKey[`${where.index}sk`]);
      const separator = sk.indexOf('#');
      nextCursor = encodeCursor([sk.slice(0, separator), sk.slice(separator + 1)]);
      break;
    }
  }
  if (!byTechnician) return { shifts: matched.map((item) => shiftEntity.fromItem(item)), nextCursor };
  const shifts = await getShifts(organizationId, matched.map((item) => String(item.shiftId)));
  return { shifts: matched.flatMap((item) => (shifts.has(String(item.shiftId)) ? [shifts.get(String(item.shiftId))!] : [])), nextCursor };
}

/** What a shift write was judged against and is conditioned on. */
export interface ShiftWriteReads {
  equipment: ReadonlyMap<string, EquipmentState>;
  /** The technicians' schedule versions, read before their shifts (absent: not read). */
  scheduleVersions: ReadonlyMap<string, number | null>;
}

// ---------------------------------------------------------------------------------------------
// Writes: what one shift write puts in its transaction. The use cases (shared/app/shifts/) judge
// and decide; allocate() / release() of allocations.ts run the lock protocol and send.

/** What the transaction of a new shift holds besides its allocations' locks. */
export function shiftCreationPlan(shift: Shift, world: ShiftWriteReads, worked: string): { requests: AllocationRequest[]; items: TransactItem[] } {
  const { organizationId } = shift;
  const times = timesOfShift(shift);
  const heldResources = shift.resources.filter((resource) => resource.held);
  const requests = heldResources.map((resource) =>
    allocationRequest(shift, resource, times, resource.type === 'equipment' ? world.equipment.get(resource.id)!.item!.quantityTotal : 1, worked),
  );
  const items: TransactItem[] = [
    // Index 0: SHIFT_ITEM_INDEX.
    { Put: { TableName: tableName(), Item: shiftEntity.toItem(shift), ConditionExpression: 'attribute_not_exists(pk)' } },
    consumptionUpdate(organizationId, shift.eventId, new Map([[shift.economicValue.budgetLine, consumedCents(shift.economicValue)]]), { requireActive: true, holds: 1 }),
    ...shift.resources.flatMap((resource) => (resource.type === 'technician' ? [technicianShiftPut(shift, resource)] : [])),
    ...heldResources.flatMap((resource) => (resource.type === 'technician' ? [scheduleBump(organizationId, resource.id, world.scheduleVersions.get(resource.id) ?? null)] : [])),
    ...heldResources.flatMap((resource) => (resource.type === 'equipment' ? [equipmentUnchangedCheck(organizationId, world.equipment.get(resource.id)!.item!)] : [])),
  ];
  return { requests, items };
}

/** The shift's own item comes first in the items of its plans: its condition failing means the id is taken (creation) or the version moved (change). */
export const SHIFT_ITEM_INDEX = 0;

interface Holding {
  resource: ResourceRef;
  interval: Interval;
  quantity: number;
  /** Stored on a technician's allocation; a change of breaks rewrites it. */
  worked: string | null;
}

const holdingsOf = (times: ShiftTimes, resources: readonly ShiftResource[]): Map<string, Holding> => {
  const worked = encodeWorked(workedOf(times));
  return new Map(
    resources
      .filter((resource) => resource.held)
      .map((resource) => [
        resourceKeyOf(resource),
        { resource: refOf(resource), interval: heldInterval(times), quantity: resource.type === 'equipment' ? resource.quantity : 1, worked: resource.type === 'technician' ? worked : null },
      ]),
  );
};

const sameHolding = (a: Holding, b: Holding) => a.interval.start === b.interval.start && a.interval.end === b.interval.end && a.quantity === b.quantity && a.worked === b.worked;

/** The shift's new item, written only over the version it was judged against. */
const shiftPutAtVersion = (shift: Shift, version: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: shiftEntity.toItem(shift),
    ConditionExpression: '#version = :version',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':version': version },
  },
});

/**
 * What the transaction of a change holds: the allocations that change hands (released and
 * acquired: allocate()'s re-allocation, with the locks of the new intervals' stripes), the
 * technicians' index and schedule items, the event's consumption (old amount out, new amount in)
 * and the shift itself, on condition of its version.
 */
export function shiftChangePlan(current: Shift, next: Shift, world: ShiftWriteReads, worked: string): AllocationPlan & { items: TransactItem[] } {
  const { organizationId } = current;
  const shiftId = current.id;
  const nextTimes = timesOfShift(next);
  const before = holdingsOf(timesOfShift(current), current.resources);
  const after = holdingsOf(nextTimes, next.resources);
  const releases = [...before].filter(([key, holding]) => !after.has(key) || !sameHolding(holding, after.get(key)!));
  const acquisitions = [...after].filter(([key, holding]) => !before.has(key) || !sameHolding(before.get(key)!, holding));
  const requests = acquisitions.map(([key]) => {
    const resource = next.resources.find((candidate) => resourceKeyOf(candidate) === key)!;
    return allocationRequest(next, resource, nextTimes, resource.type === 'equipment' ? world.equipment.get(resource.id)!.item!.quantityTotal : 1, worked);
  });
  const touchedTechnicians = new Set([...releases, ...acquisitions].filter(([, holding]) => holding.resource.type === TECHNICIAN_RESOURCE).map(([, holding]) => holding.resource.id));
  const deltas = new Map<string, number>();
  deltas.set(current.economicValue.budgetLine, -consumedCents(current.economicValue));
  deltas.set(next.economicValue.budgetLine, (deltas.get(next.economicValue.budgetLine) ?? 0) + consumedCents(next.economicValue));
  const removedTechnicians = current.technicianIds.filter((id) => !next.technicianIds.includes(id));
  const changedEquipment = acquisitions.filter(([, holding]) => holding.resource.type === EQUIPMENT_RESOURCE).map(([, holding]) => holding.resource.id);
  const items: TransactItem[] = [
    shiftPutAtVersion(next, current.version),
    // A shift keeps its event (PATCH has no event_id) and stays a hold until cancelled: the counter does not move.
    consumptionUpdate(organizationId, next.eventId, deltas, { requireActive: true, holds: 0 }),
    ...next.resources.flatMap((resource) => (resource.type === 'technician' ? [technicianShiftPut(next, resource)] : [])),
    ...removedTechnicians.map((id): TransactItem => ({ Delete: { TableName: tableName(), Key: keys.technicianShift(organizationId, id, shiftId) } })),
    ...[...touchedTechnicians].map((id) => (world.scheduleVersions.has(id) ? scheduleBump(organizationId, id, world.scheduleVersions.get(id) ?? null) : scheduleAdd(organizationId, id))),
    ...changedEquipment.map((id) => equipmentUnchangedCheck(organizationId, world.equipment.get(id)!.item!)),
  ];
  return {
    requests,
    items,
    reallocation: { ownerId: shiftId, releases: releases.map(([, holding]) => ({ resource: holding.resource, allocation: { id: shiftId, start: holding.interval.start, end: holding.interval.end, quantity: holding.quantity } })) },
  };
}

/** A schedule bump for a technician the change no longer names (their version was not read): unconditional. */
function scheduleAdd(organizationId: string, userId: string): TransactItem {
  const schedule = { organizationId, userId, version: 1 };
  const set = setAttributes(technicianScheduleEntity.toItem(schedule), ['version']);
  return {
    Update: {
      TableName: tableName(),
      Key: technicianScheduleEntity.key(schedule),
      UpdateExpression: `ADD #version :one SET ${set.expression}`,
      ExpressionAttributeNames: { '#version': 'version', ...set.names },
      ExpressionAttributeValues: { ':one': 1, ...set.values },
    },
  };
}

/**
 * Writes a cancellation: the allocations deleted, the shift (on condition of the version read)
 * and its index items rewritten, the schedules bumped, and, when the event still exists, its
 * consumption and hold given back; only the cancel whose version condition holds gives the hold
 * back, so cancelling twice cannot count twice. Returns false when a condition failed (changed or
 * cancelled meanwhile, or the event went).
 */
export async function writeShiftCancellation(current: Shift, cancelled: Shift, event: EventWithConsumption | null, outbox: TransactItem[] = []): Promise<boolean> {
  const { organizationId } = current;
  const times = timesOfShift(current);
  const held = current.resources.filter((resource) => resource.held);
  const items: TransactItem[] = [
    shiftPutAtVersion(cancelled, current.version),
    ...cancelled.resources.flatMap((resource) => (resource.type === 'technician' ? [technicianShiftPut(cancelled, resource)] : [])),
    ...held.flatMap((resource) => (resource.type === 'technician' ? [scheduleAdd(organizationId, resource.id)] : [])),
    // A deleted event has no budget or hold left to give back to.
    ...(event
      ? [
          consumptionUpdate(organizationId, current.eventId, new Map([[current.economicValue.budgetLine, -consumedCents(current.economicValue)]]), {
            requireActive: false,
            holds: -1,
            consumption: event.budgetConsumed !== undefined,
          }),
        ]
      : []),
    ...outbox,
  ];
  const { rejectedItem } = await release(
    organizationId,
    held.map((resource) => ({ resource: refOf(resource), allocation: { id: current.id, ...heldInterval(times), quantity: resource.type === 'equipment' ? resource.quantity : 1 } })),
    items,
  );
  return rejectedItem === null;
}

// ---------------------------------------------------------------------------------------------
// Actual times (check-in / check-out).

export type AttendanceKind = 'check_in' | 'check_out';

/**
 * Records a technician's actual arrival or departure on a shift, once each: the attendance item
 * sits beside the shift (its partition) and never changes the shift's version, so a planner's
 * PATCH and a check-in cannot make each other fail. Refused when the shift is unknown or cancelled
 * (404 / 409 SHIFT_CANCELLED), when the technician is not on it (404), when the time was already
 * recorded (409 ATTENDANCE_ALREADY_RECORDED) or for a check-out before any check-in (409
 * CHECK_IN_REQUIRED).
 */
export async function recordActualTime(organizationId: string, shiftId: string, technicianId: string, kind: AttendanceKind, at: Date): Promise<Attendance> {
  const field = kind === 'check_in' ? 'checkInAt' : 'checkOutAt';
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: keys.shift(organizationId, shiftId),
              ConditionExpression: 'attribute_exists(pk) AND #status <> :cancelled AND contains(#technicianIds, :technician)',
              ExpressionAttributeNames: { '#status': 'status', '#technicianIds': 'technicianIds' },
              ExpressionAttributeValues: { ':cancelled': 'cancelled', ':technician': technicianId },
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: keys.shiftAttendance(organizationId, shiftId, technicianId),
              UpdateExpression: 'SET #entity = :entity, #organizationId = :org, #shiftId = :shift, #technicianId = :technician, #field = :at',
              ConditionExpression: kind === 'check_in' ? 'attribute_not_exists(#field)' : 'attribute_not_exists(#field) AND attribute_exists(#checkInAt)',
              ExpressionAttributeNames: {
                '#entity': 'entity',
                '#organizationId': 'organizationId',
                '#shiftId': 'shiftId',
                '#technicianId': 'technicianId',
                '#field': field,
                ...(kind === 'check_out' ? { '#checkInAt': 'checkInAt' } : {}),
              },
              ExpressionAttributeValues: { ':entity': 'Attendance', ':org': organizationId, ':shift': shiftId, ':technician': technicianId, ':at': at.toISOString() },
            },
          },
        ],
      }),
    );
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') {
      const shift = await getShift(organizationId, shiftId, true);
      if (shift?.status === 'cancelled') throw shiftCancelled();
      throw shiftNotFound();
    }
    if (reasons?.[1] === 'ConditionalCheckFailed') {
      const record = (await getShiftWithAttendance(organizationId, shiftId))?.attendance.find((entry) => entry.technicianId === technicianId);
      if (kind === 'check_out' && !record?.checkInAt) {
        throw DomainError.of('conflict', 'CHECK_IN_REQUIRED');
      }
      throw DomainError.of('conflict', 'ATTENDANCE_ALREADY_RECORDED', { details: { [kind === 'check_in' ? 'check_in_time' : 'check_out_time']: record?.[field] ?? null } });
    }
    throw error;
  }
  const record = (await getShiftWithAttendance(organizationId, shiftId))?.attendance.find((entry) => entry.technicianId === technicianId);
  return record ?? { technicianId, checkInAt: kind === 'check_in' ? at.toISOString() : null, checkOutAt: kind === 'check_out' ? at.toISOString() : null };
}

