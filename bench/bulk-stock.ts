/**
 * Stock checks scale (issue 14, "What must hold" 2): booking a bulk item with 5,000 allocations
 * inside the overlap window costs at most 1.5x booking it with 10.
 *
 * Over DynamoDB Local, bulk items (1,000,000 in stock) whose allocations, written with
 * BatchWriteItem through the key builders as the booking path leaves them (allocation items and
 * stripe locks, bench/booking.ts), all start inside the booking's overlap window and all cover the
 * measured interval. Then the BookEquipment handler is invoked in-process, interleaved: the large
 * subject is one item with 5,000 allocations (the measured bookings add a few dozen more, under
 * 1%); the small subject is a fresh item with 10 allocations for every sample, so its window
 * always holds 10. Every DynamoDB call is recorded with its capacity units. Budget:
 * median(5,000) <= 1.5 x median(10), in time and in capacity units.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { OrganizationEntity } from '../shared/store/entities/identity.ts';
import { EventEntity } from '../shared/store/entities/events.ts';
import type { Event } from '../shared/domain/event.ts';
import { round } from './stats.ts';
import { seedAllocations } from './booking.ts';
import { compareHistories, prepareHandlerTable, sampleAlternately } from './history-comparison.ts';
import { DynamoRecorder, invoke, summarise, type Caller, type CallSummary, type Handler } from './handler-harness.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';

export const BULK_STOCK_BUDGET = 1.5;

const ORGANIZATION_ID = 'org_bench_bulk';
const EVENT_ID = 'event_bench_bulk';
const CALLER: Caller = { organizationId: ORGANIZATION_ID, userId: 'user_bench_bulk', roles: 'stage_manager' };
const SMALL = 10;
const LARGE = 5_000;
const HOUR = 3_600_000;
/** Every measured booking: 10:00-16:00 UTC on this day. */
const BOOKED = Date.UTC(2031, 2, 3, 10);
/** Seeded allocations start a second apart from 3.5 h before the booking and last 10 h: all overlap it. */
const SEED_FROM = BOOKED - 3.5 * HOUR;

interface Subject {
  label: string;
  history: number;
  samples: number[];
  nextItem: () => Promise<string>;
  dynamo?: CallSummary;
}

export const bulkStockSuite: BenchSuite = {
  id: 'bulk-stock',
  title: `Stock check: booking a bulk item with ${LARGE.toLocaleString('en')} allocations in the overlap window vs ${SMALL} (BookEquipment handler over DynamoDB Local)`,
  run: runBulkStock,
};

async function runBulkStock(context: BenchContext): Promise<SuiteOutcome> {
  const { log } = context;
  const tableName = 'stagecrew-bench-bulk';
  await prepareHandlerTable(context, tableName);
  const { documentClient } = await import('../shared/store/client.ts');
  const recorder = new DynamoRecorder(documentClient);
  const book = ((await import('../functions/planninghub/book-equipment.ts')) as { handler: Handler }).handler;
  const { createEquipment } = await import('../shared/domain/equipment.ts');
  const { insertEquipment } = await import('../shared/store/equipment.ts');
  const at = new Date().toISOString();
  await documentClient.send(new PutCommand({ TableName: tableName, Item: OrganizationEntity.toItem({ id: ORGANIZATION_ID, name: 'Bench', timezone: 'Europe/Paris', createdAt: at }) }));
  await documentClient.send(
    new PutCommand({ TableName: tableName, Item: EventEntity.toItem({ id: EVENT_ID, organizationId: ORGANIZATION_ID, title: 'Bench', status: 'DRAFT', startAt: at, endAt: at, timezone: 'Europe/Paris', version: 1 } as Event) }),
  );
  let items = 0;
  const stockItem = async (allocations: number): Promise<string> => {
    const equipmentId = `eq_bench_bulk_${allocations}_${items++}`;
    await insertEquipment(createEquipment({ name: 'Bench stage box', category: 'sound', subcategory: 'stage_box', kind: 'bulk', quantityTotal: 1_000_000 }, { id: equipmentId, organizationId: ORGANIZATION_ID }, new Date()));
    await seedAllocations(documentClient, tableName, ORGANIZATION_ID, equipmentId, EVENT_ID, allocations, SEED_FROM, 1_000, 10 * HOUR);
    return equipmentId;
  };

  const perSubject = Math.max(20, context.runs * 2);
  const warmup = 3;
  const seedStart = performance.now();
  const largeItem = await stockItem(LARGE);
  const smallItems: string[] = [];
  for (let i = 0; i < warmup + perSubject; i++) smallItems.push(await stockItem(SMALL));
  log(`Seeded one bulk item with ${LARGE.toLocaleString('en')} allocations and ${smallItems.length} with ${SMALL} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const subjects: Subject[] = [
    { label: `${SMALL} allocations`, history: SMALL, samples: [], nextItem: async () => smallItems.shift()! },
    { label: `${LARGE.toLocaleString('en')} allocations`, history: LARGE, samples: [], nextItem: async () => largeItem },
  ];
  const capacity = new Map<Subject, number[]>(subjects.map((subject) => [subject, []]));
  await sampleAlternately(subjects, warmup, perSubject, async (subject, sample) => {
    const equipmentId = await subject.nextItem();
    const { result, calls, ms } = await recorder.record(() =>
      invoke(book, CALLER, {
        routeKey: 'POST /v1/equipment/book',
        path: '/v1/equipment/book',
        body: { equipment_id: equipmentId, event_id: EVENT_ID, quantity: 1, start_time: new Date(BOOKED).toISOString(), end_time: new Date(BOOKED + 6 * HOUR).toISOString() },
      }),
    );
    if (result.statusCode !== 201) throw new Error(`booking ${equipmentId} answered ${result.statusCode}: ${result.body}`);
    subject.dynamo = summarise(calls);
    if (sample >= warmup) capacity.get(subject)!.push(subject.dynamo.capacityUnits);
    return ms;
  });
  const comparison = compareHistories(subjects, 'bulk item', log);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const smallUnits = median(capacity.get(subjects[0]!)!);
  const largeUnits = median(capacity.get(subjects[1]!)!);
  const capacityRatio = largeUnits / smallUnits;
  for (const subject of subjects) log(`${subject.label}: ${subject.dynamo!.calls} DynamoDB calls in ${subject.dynamo!.roundTrips} round trips (${subject.dynamo!.sequence}), median ${median(capacity.get(subject)!)} capacity units`);
  const passed = comparison.ratio <= BULK_STOCK_BUDGET && capacityRatio <= BULK_STOCK_BUDGET;
  log(`${perSubject} bookings per subject (after ${warmup} warm-up each); time ${comparison.ratio.toFixed(2)}x, capacity ${capacityRatio.toFixed(2)}x; budget ${BULK_STOCK_BUDGET}x: ${passed ? 'PASS' : 'FAIL'}`);
  return {
    passed,
    headline: `bulk-stock: ${LARGE.toLocaleString('en')} vs ${SMALL} allocations in the window: time ${comparison.ratio.toFixed(2)}x (medians ${comparison.large.latencyMs.median.toFixed(1)} vs ${comparison.small.latencyMs.median.toFixed(1)} ms), capacity ${capacityRatio.toFixed(2)}x (${largeUnits} vs ${smallUnits} units) (budget ${BULK_STOCK_BUDGET}x)`,
    data: {
      budget: BULK_STOCK_BUDGET,
      timeRatio: round(comparison.ratio, 3),
      capacityRatio: round(capacityRatio, 3),
      bookingsPerSubject: perSubject,
      rows: comparison.rows.map(({ subject, row }) => ({ ...row, dynamo: subject.dynamo, capacityUnits: capacity.get(subject) })),
    },
  };
}
