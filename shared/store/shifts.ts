/**
 * Shift repository: the shift, what it holds, and everything written with it. docs/shifts.md has
 * the rules, docs/data-model.md the keys. The API, for the handlers and for later capabilities:
 *
 *   reads    getShift(org, id)                           the shift (null when unknown)
 *            getShiftWithAttendance(org, id)             the shift and its technicians' check-in/out records
 *            listShiftPage(org, filters)                 by event, by technician (or both), by dates; cursor pages
 *            listShiftIdsOfTechnicianOnEvent(org, u, e)  a technician's current shift ids on an event (GET /users/me)
 *            readTechnicianSchedule(org, u, window)      the shifts holding a technician, with their worked intervals
 *            shiftSettings(org)                          time zone and labour/pay settings (IDCC 2717 + the org's overrides)
 *   writes   createShift / updateShift / cancelShift     the whole unit of work: read, judge (shared/domain/shift.ts),
 *                                                        allocate, write; conflicts as 409 or a pending shift
 *            recordActualTime(org, id, u, kind, at)      check-in / check-out: the actual times, kept beside the shift
 *                                                        (attendance items) so they never race its planning version;
 *                                                        plannedVersusActual() in the domain compares them
 *   check-in checkInOrOut(caller, id, a, token, now)    through a QR link: token verified, window, recorded once
 *            checkinTokensOf(shift, users, keys, now)    the links' tokens (checkinTokenKeys(): the secret, cached)
 *            actualAttendanceOf(org, shift, att, ...)    actual times and what they cost (actualAttendanceCost, pure)
 *
 * Writes. Every resource a shift holds is an allocation of shared/store/allocations.ts (technicians:
 * type `technician`, id = user id; equipment: type `equipment`), owned by the shift (allocation id
 * = owner id = shift id), over `[call_time, end_time)`. Creation goes through `allocate()`: the
 * allocations, the shift item, one index item per technician, each held technician's schedule
 * version, the event's budget consumption and a condition on each equipment item, in ONE
 * transaction. A change (PATCH) releases and re-allocates in one transaction too (`reallocate`
 * below, allocate()'s protocol with the shift's own allocations set aside); a cancellation uses
 * `release()`.
 *
 * Labour rules read 23 weeks of a technician's shifts, far more than the allocation locks (one per
 * 6-hour stripe) protect; the technician's schedule item carries a version that every shift write
 * holding them bumps, conditioned on the version read before their shifts were: two shifts judged
 * against the same week cannot both be written.
 */
import { decodeCursor, encodeCursor } from './cursor.ts';
import { randomBytes } from 'node:crypto';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { config } from '../config.ts';
import { keys, withoutKeys } from './keys.ts';
import { cancellationReasons, isConditionalFailure } from './conditions.ts';
import {
  allocate,
  allocationPut,
  busy,
  lockBump,
  readAllocations,
  readLocks,
  release,
  END_OF_TIME,
  MAX_TRANSACTION_BYTES,
  MAX_TRANSACTION_ITEMS,
  DEFAULT_RETRY,
  type AllocationRequest,
  type ResourceConflict,
  type ResourceRef,
  type TransactItem,
} from './allocations.ts';
import { queryAll } from './query.ts';
import { getEquipment, getEquipmentMany } from './equipment.ts';
import { getMembership, getUsers, listMembers, type User } from './identity.ts';
import { getTechnicianProfiles, listTechnicianProfiles } from './technicians.ts';
import { getEvent, HOLD_ATTRIBUTES } from './events.ts';
import { DomainError } from '../domain/errors.ts';
import { findConflicts, MAX_ALLOCATION_MS, overlaps, stripesOf, type Interval } from '../domain/allocation.ts';
import { assertCertified, assertMaintenance, EQUIPMENT_RESOURCE, type Equipment, type Language } from '../domain/equipment.ts';
import { evaluateLabourRules, labourRulesDataRange, workedIntervals } from '../domain/labour-rules.ts';
import { resolveOrgSettings, type OrgSettings, type OrgSettingsOverrides, type PaySettings } from '../domain/org-settings.ts';
import {
  assessShift,
  conflictsOf,
  consumedCents,
  decodeWorked,
  encodeWorked,
  heldInterval,
  hoursBeforeInWeek,
  lastLocalDate,
  moveTimes,
  resourceConflictError,
  resourceKeyOf,
  SHIFT_OWNER,
  shiftCancelled,
  shiftNotFound,
  staleVersion,
  TECHNICIAN_RESOURCE,
  timesOfShift,
  workedOf,
  type Attendance,
  type ConflictPolicy,
  type EquipmentState,
  type EventWithConsumption,
  type HeldShift,
  type Shift,
  type ShiftAssessment,
  type ShiftChange,
  type ShiftConflict,
  type ShiftDraft,
  type ShiftResource,
  type ShiftStatus,
  type ShiftTimes,
  type ShiftWarning,
  type ShiftWorld,
  type SuggestedAction,
  type TechnicianState,
} from '../domain/shift.ts';
import { findRescheduleDelta, MAX_ALTERNATIVES_EVALUATED, MAX_ALTERNATIVES_PER_CONFLICT, rankAlternatives, requiredSkillsOf, RESCHEDULE_HORIZON_MS, type ResourceAvailability } from '../domain/suggestions.ts';
import { DEFAULT_TIME_ZONE, addDays, formatWithOffset, isValidTimeZone, startOfLocalDay, type LocalDate } from '../domain/time/zoned.ts';
import type { TechnicianProfile } from '../domain/technician.ts';
import { checkinKeysOf, checkinTokenExpiry, checkinWindowOf, signCheckinToken, verifyCheckinToken, type CheckinAction, type CheckinKey, type CheckinTokenRefusal, type CheckinTokens } from '../domain/checkin-token.ts';
import { computeShiftCost, type ActualAttendance, type EmploymentContract } from '../domain/finance.ts';

/** Declared in the domain (schemas and views may not import the store); re-exported for the store's callers. */
export type { ActualAttendance, CheckinTokens, ShiftChange };

const iso = (instant: number) => new Date(instant).toISOString();
const technicianRef = (userId: string): ResourceRef => ({ type: TECHNICIAN_RESOURCE, id: userId });
const equipmentRef = (equipmentId: string): ResourceRef => ({ type: EQUIPMENT_RESOURCE, id: equipmentId });
const refOf = (resource: Pick<ShiftResource, 'type' | 'id'>): ResourceRef => (resource.type === 'technician' ? technicianRef(resource.id) : equipmentRef(resource.id));

export interface ShiftCaller {
  organizationId: string;
  userId: string;
  lang: Language;
}

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

const shiftItem = (shift: Shift) => ({
  ...keys.shift(shift.organizationId, shift.id),
  ...keys.shiftIndexes(shift.organizationId, shift.eventId, shift.startAt, shift.id),
  entity: 'Shift',
  ...shift,
});

/** The technician's line of the shift, for their lists; the shift item stays the truth. */
const technicianShiftItem = (shift: Shift, technician: Extract<ShiftResource, { type: 'technician' }>) => ({
  ...keys.technicianShift(shift.organizationId, technician.id, shift.id),
  ...keys.technicianShiftIndexes(shift.organizationId, technician.id, shift.eventId, shift.startAt, shift.id),
  entity: 'TechnicianShift',
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
  return {
    Update: {
      TableName: tableName(),
      Key: keys.technicianSchedule(organizationId, userId),
      UpdateExpression: 'SET #version = :next, #entity = :entity, #userId = :user',
      ConditionExpression: read === null ? 'attribute_not_exists(pk)' : '#version = :read',
      ExpressionAttributeNames: { '#version': 'version', '#entity': 'entity', '#userId': 'userId' },
      ExpressionAttributeValues: { ':next': (read ?? 0) + 1, ':entity': 'TechnicianSchedule', ':user': userId, ...(read === null ? {} : { ':read': read }) },
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
async function ensureConsumptionMap(organizationId: string, eventId: string): Promise<void> {
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

const equipmentCheck = (organizationId: string, item: Equipment): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.equipment(organizationId, item.id),
    ConditionExpression: '#version = :version AND #status = :active',
    ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
    ExpressionAttributeValues: { ':version': item.version, ':active': 'active' },
  },
});

function allocationRequest(shift: Shift, resource: ShiftResource, times: ShiftTimes, capacity: number, worked: string): AllocationRequest {
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
  return Item ? withoutKeys<Shift>(Item) : null;
}

/** The shift and the check-in/out records of its technicians (one partition). */
export async function getShiftWithAttendance(organizationId: string, shiftId: string): Promise<{ shift: Shift; attendance: Attendance[] } | null> {
  const { pk } = keys.shift(organizationId, shiftId);
  const { Items = [] } = await documentClient.send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
  const item = Items.find((candidate) => candidate.sk === 'SHIFT');
  if (!item) return null;
  const attendance = Items.filter((candidate) => candidate.entity === 'Attendance').map((candidate) => ({
    technicianId: String(candidate.technicianId),
    checkInAt: typeof candidate.checkInAt === 'string' ? candidate.checkInAt : null,
    checkOutAt: typeof candidate.checkOutAt === 'string' ? candidate.checkOutAt : null,
  }));
  return { shift: withoutKeys<Shift>(item), attendance };
}

/** What a shift's detail view names: its technicians' names and skills, its equipment. */
export async function resolveShiftResources(organizationId: string, shift: Shift): Promise<{ users: Map<string, User>; profiles: Map<string, TechnicianProfile>; equipment: Map<string, Equipment> }> {
  const technicianIds = shift.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id);
  const equipmentIds = shift.resources.filter((resource) => resource.type === 'equipment').map((resource) => resource.id);
  const [users, profiles, items] = await Promise.all([getUsers(technicianIds), getTechnicianProfiles(organizationId, technicianIds), getEquipmentMany(organizationId, equipmentIds)]);
  return { users, profiles: new Map(profiles.map((profile) => [profile.userId, profile])), equipment: new Map(items.map((item) => [item.id, item])) };
}

async function getShifts(organizationId: string, shiftIds: readonly string[]): Promise<Map<string, Shift>> {
  const found = new Map<string, Shift>();
  const unique = [...new Set(shiftIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] = unique.slice(i, i + 100).map((id) => ({ ...keys.shift(organizationId, id) }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= 8) throw new Error(`BatchGetItem left ${pending.length} shift keys unprocessed`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(500, 20 * 2 ** attempt)));
      const result = await documentClient.send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending } } }));
      for (const item of result.Responses?.[tableName()] ?? []) found.set(String(item.id), withoutKeys<Shift>(item));
      pending = (result.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}

async function readScheduleVersion(organizationId: string, userId: string): Promise<number | null> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.technicianSchedule(organizationId, userId), ConsistentRead: true, ProjectionExpression: '#version', ExpressionAttributeNames: { '#version': 'version' } }),
  );
  return typeof Item?.version === 'number' ? Item.version : null;
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
  const where = keys.resourceAllocationsStartingBetween(organizationId, TECHNICIAN_RESOURCE, userId, iso(Math.max(0, window.start - MAX_ALLOCATION_MS)), iso(Math.min(window.end, END_OF_TIME)));
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': where.pk, ':from': where.skFrom, ':to': where.skTo },
    ConsistentRead: options.consistent !== false,
  });
  const shifts: HeldShift[] = [];
  for (const item of items) {
    const start = Date.parse(String(item.startAt));
    const end = Date.parse(String(item.endAt));
    const ownerId = String(item.ownerId ?? item.allocationId);
    if (ownerId === options.exceptShiftId || !(end > window.start && start < window.end)) continue;
    shifts.push({
      id: String(item.allocationId),
      start,
      end,
      quantity: typeof item.quantity === 'number' ? item.quantity : 1,
      ownerType: String(item.ownerType ?? ''),
      ownerId,
      eventId: typeof item.eventId === 'string' ? item.eventId : null,
      worked: decodeWorked(item.worked, { start, end }),
    });
  }
  return { version, shifts };
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
  from?: LocalDate;
  to?: LocalDate;
  timeZone: string;
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
  const lower = filters.from === undefined ? null : iso(startOfLocalDay(filters.from, filters.timeZone));
  const upper = filters.to === undefined ? null : iso(startOfLocalDay(addDays(filters.to, 1), filters.timeZone));
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
  if (!byTechnician) return { shifts: matched.map((item) => withoutKeys<Shift>(item)), nextCursor };
  const shifts = await getShifts(organizationId, matched.map((item) => String(item.shiftId)));
  return { shifts: matched.flatMap((item) => (shifts.has(String(item.shiftId)) ? [shifts.get(String(item.shiftId))!] : [])), nextCursor };
}

// ---------------------------------------------------------------------------------------------
// The world a shift is judged against.

interface StaticWorld {
  timeZone: string;
  settings: OrgSettings;
  members: Map<string, boolean>;
  profiles: Map<string, TechnicianProfile>;
}

async function loadStatic(organizationId: string, draft: ShiftDraft): Promise<StaticWorld> {
  const technicianIds = draft.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id);
  const [{ timeZone, settings }, memberships, profiles] = await Promise.all([
    shiftSettings(organizationId),
    Promise.all(technicianIds.map((id) => getMembership(organizationId, id))),
    getTechnicianProfiles(organizationId, technicianIds),
  ]);
  return {
    timeZone,
    settings,
    members: new Map(technicianIds.map((id, i) => [id, memberships[i] !== null])),
    profiles: new Map(profiles.map((profile) => [profile.userId, profile])),
  };
}

interface FreshWorld extends ShiftWorld {
  /** Schedule versions of the technicians, read before their shifts. */
  scheduleVersions: Map<string, number | null>;
}

/**
 * What can change between attempts, read fresh: the event and the equipment (written only if
 * unchanged), each technician's schedule version THEN their shifts over the labour rules' range
 * (consistent), and the equipment's allocations over the shift (the allocation store re-checks
 * them under its locks).
 */
async function loadFresh(
  organizationId: string,
  draft: ShiftDraft,
  statics: StaticWorld,
  context: { shiftId: string; lang: Language; scheduledAt: number; forced: readonly ShiftConflict[]; alreadyConsumed?: ShiftWorld['alreadyConsumed'] },
): Promise<FreshWorld> {
  const interval = heldInterval(draft.times);
  const labourRange = labourRulesDataRange(workedOf(draft.times), statics.settings.labour, statics.timeZone);
  const technicianIds = draft.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id);
  const equipmentIds = draft.resources.filter((resource) => resource.type === 'equipment').map((resource) => resource.id);
  const [event, items, schedules, allocations] = await Promise.all([
    getEvent(organizationId, draft.eventId, true),
    Promise.all(equipmentIds.map((id) => getEquipment(organizationId, id, true))),
    Promise.all(
      technicianIds.map((id) =>
        statics.members.get(id) ? readTechnicianSchedule(organizationId, id, labourRange, { exceptShiftId: context.shiftId }) : Promise.resolve({ version: null, shifts: [] }),
      ),
    ),
    Promise.all(equipmentIds.map((id) => readAllocations(organizationId, equipmentRef(id), interval))),
  ]);
  const technicians = new Map<string, TechnicianState>(
    technicianIds.map((id, i) => [id, { member: statics.members.get(id) ?? false, profile: statics.profiles.get(id) ?? null, others: schedules[i]!.shifts }]),
  );
  const equipment = new Map<string, EquipmentState>(
    equipmentIds.map((id, i) => [id, { item: items[i] ?? null, allocations: allocations[i]!.filter((allocation) => allocation.ownerId !== context.shiftId) }]),
  );
  return {
    shiftId: context.shiftId,
    timeZone: statics.timeZone,
    settings: statics.settings,
    lang: context.lang,
    scheduledAt: context.scheduledAt,
    event,
    technicians,
    equipment,
    forcedConflicts: context.forced,
    alreadyConsumed: context.alreadyConsumed ?? null,
    scheduleVersions: new Map(technicianIds.map((id, i) => [id, schedules[i]!.version])),
  };
}

/** A plan found conflicts and the policy is `reject`: nothing is written. */
class ConflictsFound extends Error {
  constructor(readonly conflicts: ShiftConflict[], readonly world: FreshWorld) {
    super('conflicts');
  }
}

const conflictsOfResult = (conflicts: readonly ResourceConflict[]): ShiftConflict[] =>
  conflicts.flatMap((entry) => conflictsOf({ type: entry.resource.type === TECHNICIAN_RESOURCE ? 'technician' : 'equipment', id: entry.resource.id }, entry.conflict));

// ---------------------------------------------------------------------------------------------
// Suggestions.

const technicianIdsOf = (draft: ShiftDraft) => draft.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id);

/**
 * The spec's suggested_actions for a shift in conflict: the next start at which everything is
 * free and lawful (one bounded read per resource over the 7-day horizon), and qualified members
 * who are free and within the labour rules instead of each technician in conflict (at most 50
 * evaluated, 3 kept per technician).
 */
export async function suggestActions(organizationId: string, draft: ShiftDraft, world: ShiftWorld, conflicts: readonly ShiftConflict[]): Promise<SuggestedAction[]> {
  const { times } = draft;
  const { timeZone, settings } = world;
  const horizonTimes = moveTimes(times, RESCHEDULE_HORIZON_MS);
  const horizon: Interval = { start: times.callAt, end: horizonTimes.end };
  const technicians = draft.resources.filter((resource) => resource.type === 'technician');
  const equipment = draft.resources.filter((resource) => resource.type === 'equipment');
  const labourWindow = (from: ShiftTimes, to: ShiftTimes): Interval => {
    const first = labourRulesDataRange(workedOf(from), settings.labour, timeZone);
    const last = labourRulesDataRange(workedOf(to), settings.labour, timeZone);
    return { start: first.start, end: last.end };
  };
  const lawful = (others: readonly HeldShift[], candidate: ShiftTimes, technicianId: string) =>
    evaluateLabourRules({
      technicianId,
      candidate: workedOf(candidate),
      others: others.map((other) => ({ id: other.ownerId, worked: other.worked })),
      settings: settings.labour,
      timeZone,
    }).violations.length === 0;

  const [schedules, bookings] = await Promise.all([
    Promise.all(technicians.map((technician) => readTechnicianSchedule(organizationId, technician.id, labourWindow(times, horizonTimes), { exceptShiftId: world.shiftId, consistent: false }))),
    Promise.all(equipment.map((resource) => readAllocations(organizationId, equipmentRef(resource.id), horizon))),
  ]);
  const availability: ResourceAvailability[] = [
    ...technicians.map((_, i): ResourceAvailability => ({ capacity: 1, quantity: 1, busy: schedules[i]!.shifts })),
    ...equipment.map((resource, i): ResourceAvailability => {
      const item = world.equipment.get(resource.id)?.item ?? null;
      return {
        capacity: item?.quantityTotal ?? 1,
        quantity: resource.type === 'equipment' ? resource.quantity : 1,
        busy: bookings[i]!.filter((allocation) => allocation.ownerId !== world.shiftId),
        blocked: (interval) => {
          if (!item) return true;
          try {
            assertMaintenance(item, interval, timeZone);
            return false;
          } catch {
            return true;
          }
        },
      };
    }),
  ];
  const delta = findRescheduleDelta({
    times,
    resources: availability,
    labourOk: (candidate) => technicians.every((technician, i) => lawful(schedules[i]!.shifts, candidate, technician.id)),
  });
  const actions: SuggestedAction[] = delta === null ? [] : [{ type: 'reschedule', newStartAt: iso(times.start + delta) }];

  const inConflict = technicians.filter((technician) => conflicts.some((conflict) => conflict.resourceType === 'technician' && conflict.resourceId === technician.id));
  if (inConflict.length === 0) return actions;
  const [profiles, members] = await Promise.all([listTechnicianProfiles(organizationId), listMembers(organizationId)]);
  const memberIds = new Set(members.map((member) => member.userId));
  const onShift = new Set(technicianIdsOf(draft));
  const candidates = profiles.filter((profile) => memberIds.has(profile.userId) && !onShift.has(profile.userId)).map((profile) => ({ id: profile.userId, profile }));
  const interval = heldInterval(times);
  const onDate = lastLocalDate(times, timeZone);
  const suggested = new Set<string>();
  let evaluated = 0;
  for (const technician of inConflict) {
    if (technician.type !== 'technician') continue;
    // The certifications only this technician brought to the shift's equipment must come with the replacement.
    const others = technicians.filter((other) => other.id !== technician.id);
    const certifications = equipment.flatMap((resource) => {
      const item = world.equipment.get(resource.id)?.item;
      if (!item || item.requiredCertifications.length === 0) return [];
      const covered = others.some((other) => {
        try {
          assertCertified(item, interval, { id: other.id, profile: world.technicians.get(other.id)?.profile ?? null }, timeZone);
          return true;
        } catch {
          return false;
        }
      });
      return covered ? [] : item.requiredCertifications;
    });
    const ranked = rankAlternatives(candidates, { skills: requiredSkillsOf(technician), certifications, onDate }).filter((candidate) => !suggested.has(candidate.id));
    let kept = 0;
    for (let i = 0; i < ranked.length && kept < MAX_ALTERNATIVES_PER_CONFLICT && evaluated < MAX_ALTERNATIVES_EVALUATED; ) {
      const batch = ranked.slice(i, i + Math.min(10, MAX_ALTERNATIVES_EVALUATED - evaluated));
      i += batch.length;
      evaluated += batch.length;
      const candidateSchedules = await Promise.all(
        batch.map((candidate) =>
          readTechnicianSchedule(organizationId, candidate.id, labourRulesDataRange(workedOf(times), settings.labour, timeZone), { exceptShiftId: world.shiftId, consistent: false }),
        ),
      );
      batch.forEach((candidate, k) => {
        if (kept >= MAX_ALTERNATIVES_PER_CONFLICT) return;
        const held = candidateSchedules[k]!.shifts;
        const free = !held.some((other) => overlaps(other, interval));
        if (free && lawful(held, times, candidate.id)) {
          actions.push({ type: 'alternative_technician', technicianId: candidate.id, skillsMatch: candidate.skillsMatch, replaces: technician.id });
          suggested.add(candidate.id);
          kept++;
        }
      });
    }
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------
// Creating.

export interface ShiftWriteResult {
  shift: Shift;
  warnings: ShiftWarning[];
}

export interface NewShiftInput {
  shiftId: string;
  draft: ShiftDraft;
  now: Date;
}

const sameConflictSet = (a: readonly ShiftConflict[], b: readonly ShiftConflict[]) => {
  const keyOf = (conflict: ShiftConflict) => `${conflict.resourceType}#${conflict.resourceId}`;
  const left = new Set(a.map(keyOf));
  const right = new Set(b.map(keyOf));
  return left.size === right.size && [...left].every((key) => right.has(key));
};

/** Rounds of allocation under the `flag` policy: each lost race moves a resource to the conflicts, so a few rounds settle. */
const MAX_FLAG_ROUNDS = 4;

function buildShift(input: { shiftId: string; draft: ShiftDraft; assessment: ShiftAssessment; suggestions: SuggestedAction[]; organizationId: string; previous: Shift | null; by: string; now: Date; scheduledAt: number; writeToken: string }): Shift {
  const { draft, assessment, previous } = input;
  const at = input.now.toISOString();
  return {
    id: input.shiftId,
    organizationId: input.organizationId,
    eventId: draft.eventId,
    title: draft.title,
    callAt: iso(draft.times.callAt),
    startAt: iso(draft.times.start),
    endAt: iso(draft.times.end),
    breaks: draft.times.breaks.map((pause) => ({ startAt: iso(pause.start), endAt: iso(pause.end), mandatory: pause.mandatory })),
    resources: assessment.resources,
    technicianIds: assessment.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id),
    priority: draft.priority,
    metadata: draft.metadata,
    conflictPolicy: draft.conflictPolicy,
    status: assessment.status,
    conflicts: assessment.conflicts,
    suggestedActions: assessment.conflicts.length > 0 ? input.suggestions : [],
    economicValue: assessment.economicValue,
    scheduledAt: iso(input.scheduledAt),
    version: previous ? previous.version + 1 : 1,
    createdAt: previous?.createdAt ?? at,
    createdBy: previous?.createdBy ?? input.by,
    updatedAt: at,
    updatedBy: input.by,
    cancelledAt: null,
    cancelledBy: null,
    writeToken: input.writeToken,
  };
}

/**
 * Creates a shift: judged at every attempt against fresh reads, then allocated, written and
 * counted against its budget line in one transaction. Conflicts: 409 RESOURCE_CONFLICT with
 * suggestions under `reject`; under `flag`, a `pending` shift holding only its free resources.
 */
export async function createShift(caller: ShiftCaller, input: NewShiftInput): Promise<ShiftWriteResult> {
  const { organizationId } = caller;
  const { draft, shiftId, now } = input;
  const statics = await loadStatic(organizationId, draft);
  const scheduledAt = now.getTime();
  const writeToken = randomBytes(8).toString('hex');
  const forced: ShiftConflict[] = [];
  let suggestions: { conflicts: ShiftConflict[]; actions: SuggestedAction[] } | null = null;
  const suggestionsFor = async (world: ShiftWorld, conflicts: ShiftConflict[]) => {
    if (!suggestions || !sameConflictSet(suggestions.conflicts, conflicts)) suggestions = { conflicts, actions: await suggestActions(organizationId, draft, world, conflicts) };
    return suggestions.actions;
  };

  try {
    for (let round = 1; round <= MAX_FLAG_ROUNDS; round++) {
      const result = await allocate(
        organizationId,
        async () => {
          const world = await loadFresh(organizationId, draft, statics, { shiftId, lang: caller.lang, scheduledAt, forced });
          const assessment = assessShift(draft, world);
          if (assessment.conflicts.length > 0 && draft.conflictPolicy === 'reject') throw new ConflictsFound(assessment.conflicts, world);
          const actions = assessment.conflicts.length > 0 ? await suggestionsFor(world, assessment.conflicts) : [];
          if (world.event && world.event.budgetConsumed === undefined) await ensureConsumptionMap(organizationId, draft.eventId);
          const shift = buildShift({ shiftId, draft, assessment, suggestions: actions, organizationId, previous: null, by: caller.userId, now, scheduledAt, writeToken });
          const worked = encodeWorked(assessment.worked);
          const heldResources = shift.resources.filter((resource) => resource.held);
          const requests = heldResources.map((resource) =>
            allocationRequest(shift, resource, draft.times, resource.type === 'equipment' ? world.equipment.get(resource.id)!.item!.quantityTotal : 1, worked),
          );
          const items: TransactItem[] = [
            { Put: { TableName: tableName(), Item: shiftItem(shift), ConditionExpression: 'attribute_not_exists(pk)' } },
            consumptionUpdate(organizationId, draft.eventId, new Map([[shift.economicValue.budgetLine, consumedCents(shift.economicValue)]]), { requireActive: true, holds: 1 }),
            ...shift.resources.flatMap((resource) => (resource.type === 'technician' ? [technicianShiftPut(shift, resource)] : [])),
            ...heldResources.flatMap((resource) => (resource.type === 'technician' ? [scheduleBump(organizationId, resource.id, world.scheduleVersions.get(resource.id) ?? null)] : [])),
            ...heldResources.flatMap((resource) => (resource.type === 'equipment' ? [equipmentCheck(organizationId, world.equipment.get(resource.id)!.item!)] : [])),
          ];
          return { requests, items, shift, assessment, world };
        },
        {
          onItemRejected: (index) => {
            if (index === 0) throw new Error(`Shift id ${shiftId} already taken`);
            // The event, a schedule or an item moved since they were read: judge again.
            return 'retry';
          },
        },
      );
      if (result.ok) return { shift: result.plan.shift, warnings: result.plan.assessment.warnings };
      // A race the plan's reads did not see: the allocation store's own reads are the truth.
      const lost = conflictsOfResult(result.conflicts);
      if (draft.conflictPolicy === 'reject') throw new ConflictsFound(lost, result.plan.world);
      forced.push(...lost.filter((conflict) => !forced.some((known) => known.resourceType === conflict.resourceType && known.resourceId === conflict.resourceId)));
    }
    throw busy();
  } catch (error) {
    if (error instanceof ConflictsFound) {
      const actions = await suggestionsFor(error.world, error.conflicts);
      throw resourceConflictError(error.conflicts, actions, { shiftId: null, timeZone: statics.timeZone });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Changing: release and re-allocate in one transaction.

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

const tooLarge = (count: number) =>
  new DomainError(
    'invalid',
    'TRANSACTION_TOO_LARGE',
    {
      fr: `Trop de ressources changent en une seule operation (${count} elements, ${MAX_TRANSACTION_ITEMS} au plus) ; faites la modification en deux fois`,
      en: `Too many resources change in one operation (${count} items, ${MAX_TRANSACTION_ITEMS} at most); make the change in two steps`,
    },
    { items: count, max_items: MAX_TRANSACTION_ITEMS },
  );

type SendOutcome = { kind: 'done' } | { kind: 'retry' } | { kind: 'item'; index: number };

/** As allocations.ts sends: locks first (a moved lock means: read and judge again), then the caller's items. */
async function sendReallocation(items: TransactItem[], lockCount: number): Promise<SendOutcome> {
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    return { kind: 'done' };
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) {
      if ((error as { name?: string })?.name === 'TransactionConflictException') return { kind: 'retry' };
      throw error;
    }
    if (reasons.some((reason) => reason === 'TransactionConflict' || reason === 'ThrottlingError' || reason === 'ProvisionedThroughputExceeded')) return { kind: 'retry' };
    if (reasons.slice(0, lockCount).some((reason) => reason === 'ConditionalCheckFailed')) return { kind: 'retry' };
    const index = reasons.slice(lockCount).findIndex((reason) => reason === 'ConditionalCheckFailed');
    if (index >= 0) return { kind: 'item', index };
    throw error;
  }
}

/**
 * Changes a shift whose version is `expectedVersion` (412 PRECONDITION_FAILED otherwise): every
 * check runs again against fresh reads, the shift's own allocations set aside; then, in ONE
 * transaction, the allocations that change are deleted and written anew (locks of the new
 * intervals' stripes conditioned on the versions read, as allocate() does), the technicians'
 * index and schedule items, the event's consumption (old amount out, new amount in) and the
 * shift itself, on condition of its version.
 */
export async function updateShift(caller: ShiftCaller, shiftId: string, expectedVersion: number, change: (current: Shift) => ShiftChange, now: Date): Promise<ShiftWriteResult> {
  const { organizationId } = caller;
  const writeToken = randomBytes(8).toString('hex');
  let statics: StaticWorld | null = null;
  let suggestions: { conflicts: ShiftConflict[]; actions: SuggestedAction[] } | null = null;
  const forced: ShiftConflict[] = [];
  const retry = { maxAttempts: DEFAULT_RETRY.maxAttempts, base: DEFAULT_RETRY.baseDelayMs, cap: DEFAULT_RETRY.maxDelayMs };
  let current: Shift | null = null;
  let draft: ShiftDraft | null = null;
  try {
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * Math.min(retry.cap, retry.base * 2 ** (attempt - 2)))));
      current = await getShift(organizationId, shiftId, true);
      if (!current) throw shiftNotFound();
      if (current.writeToken === writeToken) return { shift: current, warnings: [] };
      if (current.status === 'cancelled') throw shiftCancelled();
      if (current.version !== expectedVersion) throw staleVersion(current.version, expectedVersion);
      const planned = change(current);
      draft = planned.draft;
      statics ??= await loadStatic(organizationId, draft);
      const oldTimes = timesOfShift(current);
      const scheduledAt = planned.moved ? now.getTime() : Date.parse(current.scheduledAt);
      const world = await loadFresh(organizationId, draft, statics, {
        shiftId,
        lang: caller.lang,
        scheduledAt,
        forced,
        alreadyConsumed: { budgetLine: current.economicValue.budgetLine, cents: consumedCents(current.economicValue) },
      });
      const assessment = assessShift(draft, world);
      if (assessment.conflicts.length > 0 && planned.policy === 'reject') throw new ConflictsFound(assessment.conflicts, world);
      if (assessment.conflicts.length > 0 && (!suggestions || !sameConflictSet(suggestions.conflicts, assessment.conflicts))) {
        suggestions = { conflicts: assessment.conflicts, actions: await suggestActions(organizationId, draft, world, assessment.conflicts) };
      }
      if (world.event && world.event.budgetConsumed === undefined) await ensureConsumptionMap(organizationId, draft.eventId);
      const next = buildShift({
        shiftId,
        draft,
        assessment,
        suggestions: suggestions?.actions ?? [],
        organizationId,
        previous: current,
        by: caller.userId,
        now,
        scheduledAt,
        writeToken,
      });

      // What changes hands.
      const before = holdingsOf(oldTimes, current.resources);
      const after = holdingsOf(draft.times, next.resources);
      const releases = [...before].filter(([key, holding]) => !after.has(key) || !sameHolding(holding, after.get(key)!));
      const acquisitions = [...after].filter(([key, holding]) => !before.has(key) || !sameHolding(before.get(key)!, holding));
      const worked = encodeWorked(assessment.worked);
      const requests = acquisitions.map(([key]) => {
        const resource = next.resources.find((candidate) => resourceKeyOf(candidate) === key)!;
        return allocationRequest(next, resource, draft!.times, resource.type === 'equipment' ? world.equipment.get(resource.id)!.item!.quantityTotal : 1, worked);
      });

      // Versions of the locks strictly before the allocations, as allocate() reads them.
      const stripes = requests.map((request) => stripesOf([request.allocation]));
      const locks = await Promise.all(requests.map((request, i) => readLocks(organizationId, request.resource, stripes[i]!)));
      const existing = await Promise.all(requests.map((request) => readAllocations(organizationId, request.resource, request.allocation, { consistent: true })));
      const raced = requests.flatMap((request, i) =>
        findConflicts(
          existing[i]!.filter((allocation) => allocation.ownerId !== shiftId),
          [request.allocation],
          request.capacity,
        ).map((conflict): ResourceConflict => ({ resource: request.resource, conflict })),
      );
      if (raced.length > 0) {
        const lost = conflictsOfResult(raced);
        if (planned.policy === 'reject') throw new ConflictsFound(lost, world);
        forced.push(...lost.filter((conflict) => !forced.some((known) => known.resourceType === conflict.resourceType && known.resourceId === conflict.resourceId)));
        continue;
      }

      const at = now.toISOString();
      const lockItems = requests.flatMap((request, i) => stripes[i]!.map((stripe) => lockBump(organizationId, request.resource, stripe, locks[i]!.get(stripe), at)));
      const puts = new Set(requests.map((request) => `${request.resource.type}#${request.resource.id}#${request.allocation.start}`));
      const deletes: TransactItem[] = releases
        // The same key is replaced by its Put: one transaction cannot touch an item twice.
        .filter(([, holding]) => !puts.has(`${holding.resource.type}#${holding.resource.id}#${holding.interval.start}`))
        .map(([, holding]) => ({ Delete: { TableName: tableName(), Key: keys.resourceAllocation(organizationId, holding.resource.type, holding.resource.id, iso(holding.interval.start), shiftId) } }));
      const touchedTechnicians = new Set(
        [...releases, ...acquisitions].filter(([, holding]) => holding.resource.type === TECHNICIAN_RESOURCE).map(([, holding]) => holding.resource.id),
      );
      const deltas = new Map<string, number>();
      deltas.set(current.economicValue.budgetLine, -consumedCents(current.economicValue));
      deltas.set(next.economicValue.budgetLine, (deltas.get(next.economicValue.budgetLine) ?? 0) + consumedCents(next.economicValue));
      const removedTechnicians = current.technicianIds.filter((id) => !next.technicianIds.includes(id));
      const changedEquipment = acquisitions.filter(([, holding]) => holding.resource.type === EQUIPMENT_RESOURCE).map(([, holding]) => holding.resource.id);
      const items: TransactItem[] = [
        {
          Put: {
            TableName: tableName(),
            Item: shiftItem(next),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': current.version },
          },
        },
        // A shift keeps its event (PATCH has no event_id) and stays a hold until cancelled: the counter does not move.
        consumptionUpdate(organizationId, draft.eventId, deltas, { requireActive: true, holds: 0 }),
        ...next.resources.flatMap((resource) => (resource.type === 'technician' ? [technicianShiftPut(next, resource)] : [])),
        ...removedTechnicians.map((id): TransactItem => ({ Delete: { TableName: tableName(), Key: keys.technicianShift(organizationId, id, shiftId) } })),
        ...[...touchedTechnicians].map((id) =>
          world.scheduleVersions.has(id) ? scheduleBump(organizationId, id, world.scheduleVersions.get(id) ?? null) : scheduleAdd(organizationId, id),
        ),
        ...changedEquipment.map((id) => equipmentCheck(organizationId, world.equipment.get(id)!.item!)),
      ];
      const transaction = [...lockItems, ...deletes, ...requests.map((request) => allocationPut(organizationId, request, at, request.allocation.ownerId)), ...items];
      if (transaction.length > MAX_TRANSACTION_ITEMS || Buffer.byteLength(JSON.stringify(transaction), 'utf8') > MAX_TRANSACTION_BYTES) throw tooLarge(transaction.length);
      const outcome = await sendReallocation(transaction, lockItems.length);
      if (outcome.kind === 'done') return { shift: next, warnings: assessment.warnings };
      // Anything else that moved (the shift, the event, a schedule, an item): read and judge again.
    }
    throw busy();
  } catch (error) {
    if (error instanceof ConflictsFound && draft) {
      const actions = suggestions && sameConflictSet(suggestions.conflicts, error.conflicts) ? suggestions.actions : await suggestActions(organizationId, draft, error.world, error.conflicts);
      throw resourceConflictError(error.conflicts, actions, { shiftId, timeZone: error.world.timeZone });
    }
    throw error;
  }
}

/** A schedule bump for a technician the change no longer names (their version was not read): unconditional. */
function scheduleAdd(organizationId: string, userId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.technicianSchedule(organizationId, userId),
      UpdateExpression: 'ADD #version :one SET #entity = :entity, #userId = :user',
      ExpressionAttributeNames: { '#version': 'version', '#entity': 'entity', '#userId': 'userId' },
      ExpressionAttributeValues: { ':one': 1, ':entity': 'TechnicianSchedule', ':user': userId },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cancelling.

/**
 * Cancels a shift and frees everything it holds at once; its amount leaves its budget line. With
 * `expectedVersion`, only that version is cancelled (412 otherwise); cancelling a cancelled shift
 * returns it as it is.
 */
export async function cancelShift(caller: ShiftCaller, shiftId: string, expectedVersion: number | undefined, now: Date): Promise<Shift> {
  const { organizationId } = caller;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const current = await getShift(organizationId, shiftId, true);
    if (!current) throw shiftNotFound();
    if (current.status === 'cancelled') return current;
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw staleVersion(current.version, expectedVersion);
    // A deleting event still takes its holds back (a deletion that found holds the counter missed reopens it).
    const event = (await getEvent(organizationId, current.eventId, true, { includeDeleting: true })) as EventWithConsumption | null;
    const at = now.toISOString();
    const cancelled: Shift = { ...current, status: 'cancelled', version: current.version + 1, updatedAt: at, updatedBy: caller.userId, cancelledAt: at, cancelledBy: caller.userId };
    const times = timesOfShift(current);
    const held = current.resources.filter((resource) => resource.held);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName(),
          Item: shiftItem(cancelled),
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': current.version },
        },
      },
      ...cancelled.resources.flatMap((resource) => (resource.type === 'technician' ? [technicianShiftPut(cancelled, resource)] : [])),
      ...held.flatMap((resource) => (resource.type === 'technician' ? [scheduleAdd(organizationId, resource.id)] : [])),
      // A deleted event has no budget or hold left to give back to. Only the cancel whose version
      // condition holds gives the hold back, so cancelling twice cannot count twice.
      ...(event
        ? [
            consumptionUpdate(organizationId, current.eventId, new Map([[current.economicValue.budgetLine, -consumedCents(current.economicValue)]]), {
              requireActive: false,
              holds: -1,
              consumption: event.budgetConsumed !== undefined,
            }),
          ]
        : []),
    ];
    const { rejectedItem } = await release(
      organizationId,
      held.map((resource) => ({ resource: refOf(resource), allocation: { id: shiftId, start: heldInterval(times).start } })),
      items,
    );
    if (rejectedItem === null) return cancelled;
    // Changed or cancelled meanwhile, or the event went: the next read says what to do.
  }
  throw busy();
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
        throw new DomainError('conflict', 'CHECK_IN_REQUIRED', { fr: "Pas de check-out sans check-in", en: 'No check-out without a check-in' });
      }
      throw new DomainError('conflict', 'ATTENDANCE_ALREADY_RECORDED', { fr: 'Cette heure est deja enregistree', en: 'This time is already recorded' }, { [kind === 'check_in' ? 'check_in_time' : 'check_out_time']: record?.[field] ?? null });
    }
    throw error;
  }
  const record = (await getShiftWithAttendance(organizationId, shiftId))?.attendance.find((entry) => entry.technicianId === technicianId);
  return record ?? { technicianId, checkInAt: kind === 'check_in' ? at.toISOString() : null, checkOutAt: kind === 'check_out' ? at.toISOString() : null };
}

// ---------------------------------------------------------------------------------------------
// QR check-in: the token keys, the links, recording through a link, and what the actual times
// cost (docs/shifts.md, "QR check-in").

let inlineCheckinKeys: { source: string; keys: CheckinKey[] } | null = null;
let storedCheckinKeys: { keys: CheckinKey[]; until: number } | null = null;
let storedCheckinKeysLoading: Promise<CheckinKey[]> | null = null;
/** A rotation reaches every warm function within this (plus the extension's own 5-minute cache). */
const CHECKIN_KEYS_CACHE_MS = 5 * 60_000;

/**
 * The check-in token keys, the signing one first; null when none is configured. Locally and in
 * tests: CHECKIN_TOKEN_SECRET (and CHECKIN_TOKEN_SECRET_PREVIOUS while rotating). Deployed: the
 * Secrets Manager secret named by CHECKIN_TOKEN_SECRET_ARN (JSON `{"current", "previous"?}`),
 * read through the AWS Parameters and Secrets Lambda Extension on localhost, so that the value is
 * in no function's configuration and no SDK is bundled. Read at first use, never at init (the
 * cold-start bench forbids network at import), then kept for 5 minutes.
 */
export async function checkinTokenKeys(): Promise<CheckinKey[] | null> {
  const inline = config.checkinTokenSecret;
  if (inline) {
    const source = `${inline}\n${config.checkinTokenSecretPrevious ?? ''}`;
    if (inlineCheckinKeys?.source !== source) inlineCheckinKeys = { source, keys: checkinKeysOf(inline, config.checkinTokenSecretPrevious) };
    return inlineCheckinKeys.keys;
  }
  const arn = config.checkinTokenSecretArn;
  if (!arn) return null;
  if (storedCheckinKeys && storedCheckinKeys.until > Date.now()) return storedCheckinKeys.keys;
  // Requests arriving together while the cache is cold share one read.
  storedCheckinKeysLoading ??= readStoredCheckinKeys(arn)
    .then((keys) => {
      storedCheckinKeys = { keys, until: Date.now() + CHECKIN_KEYS_CACHE_MS };
      return keys;
    })
    .finally(() => {
      storedCheckinKeysLoading = null;
    });
  return storedCheckinKeysLoading;
}

/** Never puts the secret, or the extension's answer, in an error message: they end up in logs. */
async function readStoredCheckinKeys(arn: string): Promise<CheckinKey[]> {
  const port = config.parametersSecretsExtensionPort;
  const response = await fetch(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': config.awsSessionToken ?? '' },
    signal: AbortSignal.timeout(3_000),
  });
  if (!response.ok) throw new Error(`Reading the check-in token secret failed (HTTP ${response.status})`);
  const { SecretString } = (await response.json()) as { SecretString?: unknown };
  let value: unknown = null;
  try {
    value = typeof SecretString === 'string' ? JSON.parse(SecretString) : null;
  } catch {
    // Reported below without the text.
  }
  const { current, previous } = (value ?? {}) as { current?: unknown; previous?: unknown };
  if (typeof current !== 'string') throw new Error('The check-in token secret is not JSON with a "current" string');
  return checkinKeysOf(current, typeof previous === 'string' ? previous : null);
}

/**
 * The check-in and check-out tokens of these technicians on the shift, signed with the current
 * key and expiring 12 h after the shift's end. None for a cancelled shift, or once they would be
 * expired already: a link that can only be refused is not worth showing.
 */
export function checkinTokensOf(shift: Shift, technicianIds: readonly string[], keys: readonly CheckinKey[], now: number): CheckinTokens[] {
  const exp = checkinTokenExpiry(Date.parse(shift.endAt));
  const key = keys[0];
  if (!key || shift.status === 'cancelled' || now >= exp * 1000) return [];
  return technicianIds
    .filter((id) => shift.technicianIds.includes(id))
    .map((technicianId) => ({
      technicianId,
      checkin: signCheckinToken({ shiftId: shift.id, technicianId, action: 'checkin', exp }, key),
      checkout: signCheckinToken({ shiftId: shift.id, technicianId, action: 'checkout', exp }, key),
    }));
}

const REFUSALS: Record<CheckinTokenRefusal, { fr: string; en: string }> = {
  malformed: { fr: 'lien illisible', en: 'unreadable link' },
  unknown_key: { fr: 'lien signe par une cle retiree', en: 'link signed with a retired key' },
  bad_signature: { fr: 'signature invalide', en: 'invalid signature' },
  expired: { fr: 'lien expire', en: 'expired link' },
  wrong_shift: { fr: "lien d'un autre shift", en: "another shift's link" },
  wrong_technician: { fr: "lien d'un autre technicien", en: "another technician's link" },
  wrong_action: { fr: "lien de l'autre action (check-in / check-out)", en: 'link of the other action (check-in / check-out)' },
};

const invalidCheckinToken = (reason: CheckinTokenRefusal) =>
  new DomainError(
    'forbidden',
    'INVALID_CHECKIN_TOKEN',
    { fr: `Lien de pointage refuse : ${REFUSALS[reason].fr}`, en: `Check-in link refused: ${REFUSALS[reason].en}` },
    { reason },
  );

export interface CheckinOutcome {
  shift: Shift;
  record: Attendance;
  /** The time was recorded by an earlier call: this one changed nothing. */
  alreadyRecorded: boolean;
}

/**
 * A check-in or check-out through a QR link, by the technician it was issued to: the token is
 * verified (403 INVALID_CHECKIN_TOKEN with its reason), then the shift read with its attendance.
 * A time already recorded is answered as it is (a repeated scan, a retried request); otherwise
 * the action must be within its window (409 OUTSIDE_CHECKIN_WINDOW) and a check-out needs a
 * check-in (409 CHECK_IN_REQUIRED), and the time, to the second, is recorded once by
 * recordActualTime's conditional write, whichever of several simultaneous calls wins.
 */
export async function checkInOrOut(caller: { organizationId: string; userId: string }, shiftId: string, action: CheckinAction, token: string, now: Date): Promise<CheckinOutcome> {
  const { organizationId, userId } = caller;
  const keys = await checkinTokenKeys();
  if (!keys) throw new Error('No check-in token secret is configured (CHECKIN_TOKEN_SECRET or CHECKIN_TOKEN_SECRET_ARN)');
  const verdict = verifyCheckinToken(token, keys, { shiftId, technicianId: userId, action }, now.getTime());
  if (!verdict.ok) throw invalidCheckinToken(verdict.reason);
  const found = await getShiftWithAttendance(organizationId, shiftId);
  if (!found) throw shiftNotFound();
  const { shift, attendance } = found;
  if (shift.status === 'cancelled') throw shiftCancelled();
  if (!shift.technicianIds.includes(userId)) {
    // The link was issued before a PATCH took the technician off the shift.
    throw new DomainError('forbidden', 'NOT_ON_SHIFT', { fr: "Vous n'etes plus sur ce shift", en: 'You are no longer on this shift' });
  }
  const existing = attendance.find((entry) => entry.technicianId === userId);
  if (existing && (action === 'checkin' ? existing.checkInAt : existing.checkOutAt)) return { shift, record: existing, alreadyRecorded: true };
  if (action === 'checkout' && !existing?.checkInAt) {
    throw new DomainError('conflict', 'CHECK_IN_REQUIRED', { fr: 'Pas de check-out sans check-in', en: 'No check-out without a check-in' });
  }
  const window = checkinWindowOf(action, { callAt: Date.parse(shift.callAt), endAt: Date.parse(shift.endAt), checkedInAt: existing?.checkInAt ? Date.parse(existing.checkInAt) : null });
  if (now.getTime() < window.opensAt || now.getTime() > window.closesAt) {
    const { timeZone } = await shiftSettings(organizationId);
    const opensAt = formatWithOffset(window.opensAt, timeZone);
    const closesAt = formatWithOffset(window.closesAt, timeZone);
    throw new DomainError(
      'conflict',
      'OUTSIDE_CHECKIN_WINDOW',
      {
        fr: `${action === 'checkin' ? 'Check-in' : 'Check-out'} possible de ${opensAt} a ${closesAt}`,
        en: `${action === 'checkin' ? 'Check-in' : 'Check-out'} is open from ${opensAt} to ${closesAt}`,
      },
      { action, opens_at: opensAt, closes_at: closesAt },
    );
  }
  // Whole seconds: the times are shown to the second, and the cost must be recomputable from what is shown.
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
  try {
    const record = await recordActualTime(organizationId, shiftId, userId, action === 'checkin' ? 'check_in' : 'check_out', at);
    return { shift, record, alreadyRecorded: false };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'ATTENDANCE_ALREADY_RECORDED') throw error;
    // A simultaneous call won the conditional write: answer with its time.
    const record = (await getShiftWithAttendance(organizationId, shiftId))?.attendance.find((entry) => entry.technicianId === userId);
    if (!record) throw error;
    return { shift, record, alreadyRecorded: true };
  }
}

/**
 * What a technician's actual times cost (pure): computeShiftCost over check-in to check-out minus
 * the shift's mandatory breaks (a break is unpaid whether or not it was taken on site), with the
 * technician's current contract, the hours they worked earlier that ISO week, and the shift's own
 * emergency judgement. Transport is paid per shift, so a check-out in the same second as the
 * check-in still costs it.
 */
export function actualAttendanceCost(input: {
  shift: Shift;
  record: Attendance | null;
  contract: EmploymentContract | null;
  weekHoursBefore: number;
  pay: PaySettings;
  timeZone: string;
}): ActualAttendance {
  const { shift, record } = input;
  const checkInAt = record?.checkInAt ? Date.parse(record.checkInAt) : null;
  const checkOutAt = record?.checkOutAt ? Date.parse(record.checkOutAt) : null;
  const technicianId = record?.technicianId ?? '';
  if (checkInAt === null || checkOutAt === null) return { technicianId, checkInAt, checkOutAt, hours: null, cost: null };
  const hours = Math.round((checkOutAt - checkInAt) / 36_000) / 100;
  if (!input.contract) return { technicianId, checkInAt, checkOutAt, hours, cost: null };
  const worked = checkOutAt > checkInAt ? workedIntervals({ start: checkInAt, end: checkOutAt, breaks: timesOfShift(shift).breaks }) : [];
  const cost = computeShiftCost({
    worked,
    contract: input.contract,
    weekHoursBefore: input.weekHoursBefore,
    emergency: shift.economicValue.computed.emergency,
    budgetLine: shift.economicValue.budgetLine,
    settings: input.pay,
    timeZone: input.timeZone,
  });
  return { technicianId, checkInAt, checkOutAt, hours, cost };
}

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * Every named technician's actual times and their cost. Only the technicians who have checked out
 * cost a read: their shifts of the past week (one bounded query each), for the weekly overtime.
 */
export async function actualAttendanceOf(
  organizationId: string,
  shift: Shift,
  attendance: readonly Attendance[],
  profiles: ReadonlyMap<string, TechnicianProfile>,
  world: { timeZone: string; settings: OrgSettings },
): Promise<Map<string, ActualAttendance>> {
  const entries = await Promise.all(
    shift.technicianIds.map(async (technicianId): Promise<[string, ActualAttendance]> => {
      const record = attendance.find((entry) => entry.technicianId === technicianId) ?? null;
      const contract = profiles.get(technicianId)?.employmentContract ?? null;
      let weekHoursBefore = 0;
      if (record?.checkInAt && record.checkOutAt && contract) {
        const from = Date.parse(record.checkInAt);
        const { shifts } = await readTechnicianSchedule(organizationId, technicianId, { start: from - WEEK_MS, end: from }, { exceptShiftId: shift.id, consistent: false });
        weekHoursBefore = hoursBeforeInWeek(shifts, from, world.timeZone);
      }
      const actual = actualAttendanceCost({ shift, record, contract, weekHoursBefore, pay: world.settings.pay, timeZone: world.timeZone });
      return [technicianId, { ...actual, technicianId }];
    }),
  );
  return new Map(entries);
}
