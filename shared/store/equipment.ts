/**
 * Equipment repository: the catalogue (items, their indexes by category and subcategory) and the
 * bookings, which hold items through the allocation store (shared/store/allocations.ts). Every
 * write of an item is conditioned on its version; a booking is written only if the item and the
 * event are still what the booking was judged against.
 */
import { decodeCursor, encodeCursor } from './cursor.ts';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { withoutKeys } from './keys.ts';
import { batchGet } from './batch-get.ts';
import { EquipmentEntity } from './entities/equipment.ts';
import { isConditionalFailure } from './conditions.ts';
import { readAllocations, readCountersFrom, readLocksOf, release, resourceKey, type AllocationRequest, type TransactItem } from './allocations.ts';
import { defineEntity } from './entity.ts';
import { eventHoldUpdate } from './events.ts';
import { DomainError } from '../domain/errors.ts';
import { stripesOf, type Allocation, type Interval } from '../domain/allocation.ts';
import { bookableQuantity, EQUIPMENT_BOOKING, EQUIPMENT_RESOURCE, type Equipment, type EquipmentBooking, type EquipmentStatus } from '../domain/equipment.ts';

export const equipmentResource = (equipmentId: string) => ({ type: EQUIPMENT_RESOURCE, id: equipmentId });

export const concurrentEquipmentUpdate = () =>
  DomainError.of('conflict', 'CONCURRENT_UPDATE.equipment');

// ---------------------------------------------------------------------------------------------
// Catalogue.

export async function getEquipment(organizationId: string, equipmentId: string, consistent = false): Promise<Equipment | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.equipment(organizationId, equipmentId), ConsistentRead: consistent }));
  return Item ? EquipmentEntity.fromItem(Item) : null;
}

/** Items by id, in the order asked; unknown ids are left out. */
export async function getEquipmentMany(organizationId: string, requestedIds: readonly string[]): Promise<Equipment[]> {
  // BatchGetItem refuses a list holding the same key twice.
  const equipmentIds = [...new Set(requestedIds)];
  const found = new Map<string, Equipment>();
  for (const item of await batchGet(equipmentIds.map((id) => keys.equipment(organizationId, id)))) found.set(String(item.id), EquipmentEntity.fromItem(item));
  return equipmentIds.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
}

/** Creates the item; false when the id is taken. */
export async function insertEquipment(equipment: Equipment): Promise<boolean> {
  try {
    await documentClient.send(new PutCommand({ TableName: tableName(), Item: EquipmentEntity.toItem(equipment), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

const versionedPut = (equipment: Equipment, previousVersion: number) => ({
  TableName: tableName(),
  Item: EquipmentEntity.toItem(equipment),
  ConditionExpression: 'attribute_exists(pk) AND #version = :previous',
  ExpressionAttributeNames: { '#version': 'version' },
  ExpressionAttributeValues: { ':previous': previousVersion },
});

/** Writes a new version of the item only if nobody else wrote one since `previousVersion`. */
export async function replaceEquipment(equipment: Equipment, previousVersion: number): Promise<void> {
  try {
    await documentClient.send(new PutCommand(versionedPut(equipment, previousVersion)));
  } catch (error) {
    if (isConditionalFailure(error)) throw concurrentEquipmentUpdate();
    throw error;
  }
}

/**
 * The item's allocations over `window`, read strongly consistent: the stock-lowering check
 * (shared/app/equipment/update-equipment.ts) must see every booking committed before its
 * pending total was written.
 */
export function readEquipmentAllocations(equipment: Pick<Equipment, 'organizationId' | 'id'>, window: Interval): Promise<Allocation[]> {
  return readAllocations(equipment.organizationId, equipmentResource(equipment.id), window, { consistent: true });
}

/** The item's stripe usage counters from `from` on (consistent): a bound on its use to come. */
export const readEquipmentCountersFrom = (equipment: Pick<Equipment, 'organizationId' | 'id'>, from: number): Promise<Map<number, number | null>> =>
  readCountersFrom(equipment.organizationId, equipmentResource(equipment.id), from);

export interface EquipmentPage {
  items: Equipment[];
  nextCursor: string | null;
}

const CATALOGUE_TOKEN = /^[a-z][a-z0-9_]{0,49}$/;
const EQUIPMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The cursor names the last item of a page (category, subcategory, id); the position to resume
 * from is rebuilt with the key builders, so nothing a client writes becomes a key unchecked.
 */
function positionOfCursor(
  cursor: string,
  organizationId: string,
  options: { status: EquipmentStatus; category?: string; subcategory?: string },
  where: { index: 'gsi1' | 'gsi2'; skPrefix: string },
): Record<string, string> {
  return decodeCursor(
    cursor,
    (decoded) => {
      if (!Array.isArray(decoded) || decoded.length !== 3) return null;
      const [category, subcategory, id] = decoded as unknown[];
      if (typeof category !== 'string' || typeof subcategory !== 'string' || typeof id !== 'string') return null;
      if (!CATALOGUE_TOKEN.test(category) || !CATALOGUE_TOKEN.test(subcategory) || !EQUIPMENT_ID.test(id)) return null;
      return positionOf({ category, subcategory, id }, organizationId, options.status, where.index);
    },
    // Inside the filter read: DynamoDB refuses a start key outside the key condition.
    (position) => String(position[`${where.index}sk`]).startsWith(where.skPrefix) && (options.subcategory === undefined || position[`${where.index}pk`] === keys.equipmentCatalogue(organizationId, options.status, options).pk),
  );
}

function positionOf(equipment: Pick<Equipment, 'category' | 'subcategory' | 'id'>, organizationId: string, status: EquipmentStatus, index: 'gsi1' | 'gsi2'): Record<string, string> {
  const key = keys.equipment(organizationId, equipment.id);
  const indexes = keys.equipmentIndexes(organizationId, status, equipment.category, equipment.subcategory, equipment.id);
  return { ...key, [`${index}pk`]: indexes[`${index}pk`], [`${index}sk`]: indexes[`${index}sk`] };
}

const cursorOf = (equipment: Equipment) => encodeCursor([equipment.category, equipment.subcategory, equipment.id]);

/** One page of the catalogue, sorted by category, subcategory, id. */
export async function listEquipmentPage(
  organizationId: string,
  options: { status: EquipmentStatus; category?: string; subcategory?: string; limit: number; cursor?: string },
): Promise<EquipmentPage> {
  const where = keys.equipmentCatalogue(organizationId, options.status, options);
  const exclusiveStartKey = options.cursor ? positionOfCursor(options.cursor, organizationId, options, where) : undefined;
  const items = await queryCatalogue(organizationId, options, options.limit + 1, exclusiveStartKey);
  // One item past the page tells whether another page exists without handing out a cursor to an empty one.
  const page = items.slice(0, options.limit);
  return { items: page, nextCursor: items.length > options.limit ? cursorOf(page.at(-1)!) : null };
}

/** Every item of a selection, at most `max` (the caller refuses larger selections). */
export async function listEquipmentSelection(
  organizationId: string,
  filter: { category?: string; subcategory?: string },
  max: number,
): Promise<Equipment[]> {
  return queryCatalogue(organizationId, { status: 'active', ...filter }, max);
}

async function queryCatalogue(
  organizationId: string,
  options: { status: EquipmentStatus; category?: string; subcategory?: string },
  wanted: number,
  exclusiveStartKey?: Record<string, unknown>,
): Promise<Equipment[]> {
  const where = keys.equipmentCatalogue(organizationId, options.status, options);
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: where.index,
    KeyConditionExpression: where.skPrefix === '' ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': `${where.index}pk`, ...(where.skPrefix === '' ? {} : { '#sk': `${where.index}sk` }) },
    ExpressionAttributeValues: { ':pk': where.pk, ...(where.skPrefix === '' ? {} : { ':prefix': where.skPrefix }) },
  };
  const items: Equipment[] = [];
  let startKey = exclusiveStartKey;
  do {
    const page = await documentClient.send(new QueryCommand({ ...input, Limit: wanted - items.length, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []).map((item) => EquipmentEntity.fromItem(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < wanted);
  return items;
}

/** The item's allocations overlapping `window` (eventually consistent: for display). */
export const equipmentAllocations = (organizationId: string, equipmentId: string, window: Interval): Promise<Allocation[]> =>
  readAllocations(organizationId, equipmentResource(equipmentId), window);

/** Lock keys one BatchGetItem takes: above, the page's items are queried without the pre-check. */
const LOCKS_PER_BATCH = 100;

/**
 * The allocations of each item overlapping `window`, in the items' order (eventually consistent:
 * for display). First one BatchGet of every item's stripe locks over the window: an item whose
 * stripes have no lock or a zero usage counter holds nothing there (every allocation counts in the
 * stripes it touches) and is not queried; the others are queried at once, in one round trip. So a
 * page costs a bounded number of round trips, and calls only for the items that hold something.
 * Windows too long for one BatchGet (more than 100 stripe keys in the page) query every item.
 */
export async function equipmentAllocationsOfEach(organizationId: string, items: readonly Pick<Equipment, 'id'>[], window: Interval): Promise<Allocation[][]> {
  const stripes = stripesOf([window]);
  let holds = items.map(() => true);
  if (items.length > 0 && items.length * stripes.length <= LOCKS_PER_BATCH) {
    const locks = await readLocksOf(organizationId, items.map((item) => ({ resource: equipmentResource(item.id), stripes })), { consistent: false });
    holds = items.map((item) => [...locks.get(resourceKey(equipmentResource(item.id)))!.values()].some((lock) => lock.usage !== 0));
  }
  return Promise.all(items.map((item, i) => (holds[i] ? equipmentAllocations(organizationId, item.id, window) : Promise.resolve([]))));
}

// ---------------------------------------------------------------------------------------------
// Bookings.

export const bookingEntity = defineEntity<EquipmentBooking>({
  name: 'EquipmentBooking',
  key: (booking) => keys.equipmentBooking(booking.organizationId, booking.id),
  indexes: (booking) => keys.equipmentBookingIndexes(booking.organizationId, booking.eventId, booking.startAt, booking.id),
});

export async function getBooking(organizationId: string, bookingId: string, consistent = false): Promise<EquipmentBooking | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.equipmentBooking(organizationId, bookingId), ConsistentRead: consistent }));
  return Item ? bookingEntity.fromItem(Item) : null;
}

/** The booking's own item comes first in its plan: its condition failing means the id is taken. */
export const BOOKING_ITEM_INDEX = 0;

/** Condition of a transaction that judged `item`: still at that version and still active. */
export const equipmentUnchangedCheck = (organizationId: string, item: Pick<Equipment, 'id' | 'version'>): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.equipment(organizationId, item.id),
    ConditionExpression: '#version = :version AND #status = :active',
    ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
    ExpressionAttributeValues: { ':version': item.version, ':active': 'active' },
  },
});

/**
 * What the transaction of a booking holds (allocate() runs the lock protocol): its allocation,
 * the booking, a condition that the item still has the version it was judged against and is
 * active, and one more hold on the event, refused if it is cancelled or its deletion has begun
 * (eventHoldUpdate in events.ts).
 */
export function bookingPlan(equipment: Equipment, booking: EquipmentBooking): { requests: AllocationRequest[]; items: TransactItem[] } {
  const { organizationId } = booking;
  return {
    requests: [
      {
        resource: equipmentResource(equipment.id),
        capacity: bookableQuantity(equipment),
        allocation: {
          id: booking.id,
          start: Date.parse(booking.startAt),
          end: Date.parse(booking.endAt),
          quantity: booking.quantity,
          ownerType: EQUIPMENT_BOOKING,
          ownerId: booking.id,
          eventId: booking.eventId,
          attributes: { shiftId: booking.shiftId, technicianId: booking.technicianId },
        },
      },
    ],
    items: [
      { Put: { TableName: tableName(), Item: bookingEntity.toItem(booking), ConditionExpression: 'attribute_not_exists(pk)' } },
      equipmentUnchangedCheck(organizationId, equipment),
      eventHoldUpdate(organizationId, booking.eventId, 1),
    ],
  };
}

/**
 * Writes a cancellation: the allocation deleted (its slot free at once), the booking turned from
 * confirmed to cancelled, and its hold given back when the event still exists; only the cancel
 * that turns the booking from confirmed gives it back, so a double cancel cannot count twice.
 * Returns false when the booking was no longer confirmed.
 */
export async function writeBookingCancellation(booking: EquipmentBooking, by: string, cancelledAt: string, eventExists: boolean, outbox: TransactItem[] = []): Promise<boolean> {
  const { organizationId } = booking;
  const { rejectedItem } = await release(
    organizationId,
    [{ resource: equipmentResource(booking.equipmentId), allocation: { id: booking.id, start: Date.parse(booking.startAt), end: Date.parse(booking.endAt), quantity: booking.quantity } }],
    [
      {
        Update: {
          TableName: tableName(),
          Key: keys.equipmentBooking(organizationId, booking.id),
          UpdateExpression: 'SET #status = :cancelled, #cancelledAt = :at, #cancelledBy = :by',
          ConditionExpression: '#status = :confirmed',
          ExpressionAttributeNames: { '#status': 'status', '#cancelledAt': 'cancelledAt', '#cancelledBy': 'cancelledBy' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':confirmed': 'confirmed', ':at': cancelledAt, ':by': by },
        },
      },
      // A booking whose event was deleted before holds were counted has none to give back.
      ...(eventExists ? [eventHoldUpdate(organizationId, booking.eventId, -1)] : []),
      ...outbox,
    ],
  );
  return rejectedItem === null;
}
