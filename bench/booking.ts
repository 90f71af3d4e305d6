/**
 * Booking latency does not grow with history (docs/architecture.md, "Performance budgets"; issue:
 * "booking latency with 10,000 earlier bookings on the same item vs with 10"): the overlap query
 * reads only the allocations starting in [start - 7 days, end], never the item's whole past.
 *
 * Over DynamoDB Local (in memory, started here), two identical units: one with 10 earlier
 * bookings, one with 10,000, written directly with BatchWriteItem through the key builders (the
 * allocation items the overlap query reads, and the stripe locks at their versions). Then the
 * BookEquipment Lambda handler is invoked directly (an API Gateway v2 event with an authorizer
 * context, no HTTP) for new bookings of both items, interleaved, and the medians compared. Budget:
 * median(10,000) <= 1.2 x median(10).
 */
import { BatchWriteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as keys from '../shared/store/keys.ts';
import { OrganizationEntity } from '../shared/store/entities/identity.ts';
import { EventEntity } from '../shared/store/entities/events.ts';
import { allocationEntity, resourceLockEntity } from '../shared/store/allocations.ts';
import type { Event } from '../shared/domain/event.ts';
import { stripesOf } from '../shared/domain/allocation.ts';
import type { ApiEvent, ApiResult, Context } from '../shared/http/types.ts';
import { round } from './stats.ts';
import type { Distribution } from './stats.ts';
import { compareHistories, prepareHandlerTable, sampleAlternately } from './history-comparison.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';

export const BOOKING_HISTORY_BUDGET = 1.2;

const ORGANIZATION_ID = 'org_bench';
const EVENT_ID = 'event_bench';
const SMALL_HISTORY = 10;
const LARGE_HISTORY = 10_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The history: 2-hour bookings every 3 hours, ending long before the measured ones. */
const HISTORY_START = Date.UTC(2024, 0, 1);
/** Measured bookings start 30 days after the largest history ends and are a day apart, so both items see the same recent neighbours. */
const MEASURED_START = HISTORY_START + LARGE_HISTORY * 3 * HOUR + 30 * DAY;

interface Subject {
  label: string;
  equipmentId: string;
  history: number;
  samples: number[];
}

export interface BookingBenchRow {
  label: string;
  equipmentId: string;
  history: number;
  latencyMs: Distribution;
  ratio: number;
}

export const bookingSuite: BenchSuite = {
  id: 'booking',
  title: 'Booking latency: 10,000 earlier bookings on the item vs 10 (BookEquipment handler over DynamoDB Local)',
  run: runBooking,
};

async function runBooking(context: BenchContext): Promise<SuiteOutcome> {
  const { log } = context;
  const tableName = 'stagecrew-bench-booking';
  await prepareHandlerTable(context, tableName);
  const world = await bookingWorld(tableName);
  const subjects: Subject[] = [
    { label: `${SMALL_HISTORY} earlier bookings`, equipmentId: 'eq_bench_small', history: SMALL_HISTORY, samples: [] },
    { label: `${LARGE_HISTORY.toLocaleString('en')} earlier bookings`, equipmentId: 'eq_bench_large', history: LARGE_HISTORY, samples: [] },
  ];
  const seedStart = performance.now();
  await world.seedOrganization(ORGANIZATION_ID, EVENT_ID);
  for (const subject of subjects) {
    await world.seedUnit(ORGANIZATION_ID, subject.equipmentId);
    await world.seedHistory(ORGANIZATION_ID, subject.equipmentId, EVENT_ID, subject.history, HISTORY_START, 3 * HOUR, 2 * HOUR);
  }
  log(`Seeded ${SMALL_HISTORY + LARGE_HISTORY} earlier bookings in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const perSubject = Math.max(40, context.runs * 3);
  const warmup = 5;
  let slot = 0;
  const bookOnce = async (subject: Subject): Promise<number> => {
    const start = MEASURED_START + slot++ * DAY;
    const t0 = performance.now();
    const response = await world.invokeBook(ORGANIZATION_ID, { equipment_id: subject.equipmentId, event_id: EVENT_ID, start_time: new Date(start).toISOString(), end_time: new Date(start + 6 * HOUR).toISOString() });
    const elapsed = performance.now() - t0;
    if (response.statusCode !== 201) throw new Error(`booking ${subject.equipmentId} answered ${response.statusCode}: ${response.body}`);
    return elapsed;
  };
  // Warm-up (module init, connections, the JIT) is not measured.
  await sampleAlternately(subjects, warmup, perSubject, (subject) => bookOnce(subject));
  const comparison = compareHistories(subjects, 'item', log);
  const rows: BookingBenchRow[] = comparison.rows.map(({ subject, row }) => ({ ...row, equipmentId: subject.equipmentId }));
  const ratio = comparison.ratio;
  const passed = ratio <= BOOKING_HISTORY_BUDGET;
  log(`${perSubject} bookings per item (after ${warmup} warm-up each); budget ${BOOKING_HISTORY_BUDGET}x: ${passed ? 'PASS' : 'FAIL'}`);
  return {
    passed,
    headline: `booking: ${ratio.toFixed(2)}x with ${LARGE_HISTORY.toLocaleString('en')} vs ${SMALL_HISTORY} earlier bookings (budget ${BOOKING_HISTORY_BUDGET}x; medians ${rows[1]!.latencyMs.median.toFixed(1)} vs ${rows[0]!.latencyMs.median.toFixed(1)} ms)`,
    data: { budget: BOOKING_HISTORY_BUDGET, ratio: round(ratio, 3), bookingsPerItem: perSubject, rows },
  };
}

type Handler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

/** What the bench needs, imported once the environment points the SDK at DynamoDB Local. */
async function bookingWorld(tableName: string) {
  const { documentClient } = await import('../shared/store/client.ts');
  const { handler } = (await import('../functions/planninghub/book-equipment.ts')) as unknown as { handler: Handler };
  const { createEquipment } = await import('../shared/domain/equipment.ts');
  const { insertEquipment } = await import('../shared/store/equipment.ts');
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
  let request = 0;
  return {
    async seedOrganization(organizationId: string, eventId: string) {
      const at = new Date().toISOString();
      await documentClient.send(new PutCommand({ TableName: tableName, Item: OrganizationEntity.toItem({ id: organizationId, name: 'Bench', timezone: 'Europe/Paris', createdAt: at }) }));
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          // Only what the booking path reads of the event.
          Item: EventEntity.toItem({ id: eventId, organizationId, title: 'Bench', status: 'DRAFT', startAt: at, endAt: at, timezone: 'Europe/Paris', version: 1 } as Event),
        }),
      );
    },
    async seedUnit(organizationId: string, equipmentId: string) {
      await insertEquipment(createEquipment({ name: 'Bench console', category: 'sound', subcategory: 'mixing_console', kind: 'unit' }, { id: equipmentId, organizationId }, new Date()));
    },
    /** `count` earlier bookings, as the booking path left them: allocation items and the lock at their count. */
    async seedHistory(organizationId: string, equipmentId: string, eventId: string, count: number, from: number, every: number, length: number) {
      await seedAllocations(documentClient, tableName, organizationId, equipmentId, eventId, count, from, every, length);
    },
    async invokeBook(organizationId: string, body: Record<string, unknown>): Promise<ApiResult & { statusCode: number; body: string }> {
      request++;
      const event = {
        version: '2.0',
        routeKey: 'POST /v1/equipment/book',
        rawPath: '/v1/equipment/book',
        rawQueryString: '',
        headers: { 'content-type': 'application/json', 'x-organization-id': organizationId },
        body: JSON.stringify(body),
        isBase64Encoded: false,
        requestContext: {
          requestId: `bench-${request}`,
          routeKey: 'POST /v1/equipment/book',
          http: { method: 'POST', path: '/v1/equipment/book', sourceIp: '127.0.0.1' },
          authorizer: { lambda: { principal: 'user', userId: 'user_bench', organizationId, authType: 'jwt', member: true, roles: 'stage_manager' } },
        },
      } as unknown as ApiEvent;
      return (await handler(event, context)) as ApiResult & { statusCode: number; body: string };
    },
  };
}

export async function seedAllocations(
  client: DynamoDBDocumentClient,
  tableName: string,
  organizationId: string,
  equipmentId: string,
  eventId: string,
  count: number,
  from: number,
  every: number,
  length: number,
) {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const start = from + i * every;
    const startAt = new Date(start).toISOString();
    const allocationId = `booking_hist_${String(i).padStart(6, '0')}`;
    items.push(
      allocationEntity.toItem({
        organizationId,
        resource: { type: 'equipment', id: equipmentId },
        allocation: { id: allocationId, start, end: start + length, quantity: 1, ownerType: 'equipment_booking', ownerId: allocationId, eventId },
        createdAt: startAt,
      }),
    );
  }
  // The stripe locks those bookings left behind, at one version per booking that touched them,
  // with the usage counter each one moved (quantity 1 each).
  const stripeVersions = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    for (const stripe of stripesOf([{ start: from + i * every, end: from + i * every + length }])) stripeVersions.set(stripe, (stripeVersions.get(stripe) ?? 0) + 1);
  }
  for (const [stripe, version] of stripeVersions) {
    items.push(resourceLockEntity.toItem({ organizationId, resource: { type: 'equipment', id: equipmentId }, stripe, version, usage: version, updatedAt: new Date(from).toISOString() }));
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  // A few batches in flight at once: DynamoDB Local takes them faster than one at a time.
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]!.map((item) => ({ PutRequest: { Item: item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= 8) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
