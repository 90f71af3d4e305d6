/**
 * Lists cost one page (issue 14, "What must hold" 1): the first page of GET /api/v1/events
 * (default limit 50) of an organisation with 5,000 events costs at most 1.2x that of one with 50,
 * in time and in capacity units.
 *
 * Over DynamoDB Local, two organisations, their events created through the use case of POST
 * /api/v1/events (so whatever the write path keeps, counters included, is there); then the ListEvents handler is
 * invoked in-process for both, interleaved, every DynamoDB call recorded with the capacity DynamoDB
 * reports (bench/handler-harness.ts). Budget: both ratios (median time, capacity units) <= 1.2x.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { MembershipEntity, OrganizationEntity, UserEntity } from '../shared/store/entities/identity.ts';
import { round } from './stats.ts';
import { compareHistories, prepareHandlerTable, sampleAlternately } from './history-comparison.ts';
import { DynamoRecorder, invoke, summarise, type Caller, type CallSummary, type Handler } from './handler-harness.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';

export const LIST_SCALING_BUDGET = 1.2;

const SMALL = 50;
const LARGE = 5_000;
const DAY = 24 * 3_600_000;

interface Subject {
  label: string;
  history: number;
  caller: Caller;
  samples: number[];
  dynamo?: CallSummary;
}

export const listScalingSuite: BenchSuite = {
  id: 'list-scaling',
  title: `List cost: GET /api/v1/events (first page) of an organisation with ${LARGE.toLocaleString('en')} events vs ${SMALL} (ListEvents handler over DynamoDB Local)`,
  run: runListScaling,
};

async function runListScaling(context: BenchContext): Promise<SuiteOutcome> {
  const { log } = context;
  const tableName = 'stagecrew-bench-lists';
  await prepareHandlerTable(context, tableName);
  const { documentClient } = await import('../shared/store/client.ts');
  const recorder = new DynamoRecorder(documentClient);
  const { createEventLite } = await import('../shared/app/events/create-event.ts');
  const { createEventBody } = await import('../shared/schemas/eventlite.ts');
  const { API_KEY_SCOPES } = await import('../shared/domain/api-key.ts');
  const listEvents = ((await import('../functions/eventlite/list-events.ts')) as { handler: Handler }).handler;
  const subjects: Subject[] = [SMALL, LARGE].map((count) => ({
    label: `${count.toLocaleString('en')} events`,
    history: count,
    caller: { organizationId: `org_bench_list_${count}`, userId: `user_bench_list_${count}`, roles: 'admin' },
    samples: [],
  }));

  const seedStart = performance.now();
  const seedErrors: string[] = [];
  const createdAt = new Date().toISOString();
  for (const { caller, history } of subjects) {
    for (const Item of [
      OrganizationEntity.toItem({ id: caller.organizationId, name: 'Bench', timezone: 'Europe/Paris', createdAt }),
      UserEntity.toItem({ id: caller.userId, email: `${caller.userId}@bench.invalid`, firstName: 'Bench', lastName: 'Lists', phone: null, createdAt }),
      MembershipEntity.toItem({ organizationId: caller.organizationId, userId: caller.userId, roles: ['admin'], createdAt }),
    ]) {
      await documentClient.send(new PutCommand({ TableName: tableName, Item }));
    }
    // Through the use case the handler calls (whatever the write path keeps, counters included,
    // is there), a few in flight at once: DynamoDB Local takes them faster than one at a time.
    const actor = { organizationId: caller.organizationId, userId: caller.userId, roles: ['admin'], scopes: [...API_KEY_SCOPES], authType: 'jwt' as const };
    let next = 0;
    const worker = async () => {
      while (next < history) {
        const i = next++;
        const body = createEventBody.parse({ title: `Bench ${history} event ${i}`, mode: 'IN_PERSON', location: 'Lyon', startAt: new Date(Date.UTC(2030, 0, 1) + i * DAY).toISOString(), capacity: 100, waitlist: true, status: i % 3 === 0 ? 'DRAFT' : 'PUBLISHED' });
        for (let attempt = 1; ; attempt++) {
          try {
            await createEventLite(actor, body);
            break;
          } catch (error) {
            // An overloaded DynamoDB Local sometimes refuses a transaction; seeding only needs the events.
            if (attempt >= 3) throw error;
            seedErrors.push(`${(error as Error).name}: ${(error as Error).message}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }
  log(`Created ${SMALL + LARGE} events through the CreateEvent use case in ${((performance.now() - seedStart) / 1000).toFixed(1)} s${seedErrors.length > 0 ? ` (${seedErrors.length} creations failed and were sent again: ${[...new Set(seedErrors)].join('; ')})` : ''}`);

  const perSubject = Math.max(20, context.runs * 2);
  const capacity = new Map<Subject, number[]>(subjects.map((subject) => [subject, []]));
  await sampleAlternately(subjects, 3, perSubject, async (subject, sample) => {
    const { result, calls, ms } = await recorder.record(() => invoke(listEvents, subject.caller, { routeKey: 'GET /api/v1/events', path: '/api/v1/events' }));
    if (result.statusCode !== 200) throw new Error(`list answered ${result.statusCode}: ${result.body}`);
    const body = JSON.parse(result.body) as { data: unknown[]; pagination: { total: number } };
    if (body.pagination.total !== subject.history || body.data.length !== Math.min(50, subject.history)) {
      throw new Error(`list of ${subject.label} gave total ${body.pagination.total} and ${body.data.length} events`);
    }
    subject.dynamo = summarise(calls);
    if (sample >= 3) capacity.get(subject)!.push(subject.dynamo.capacityUnits);
    return ms;
  });
  const comparison = compareHistories(subjects, 'organisation', log);
  const small = subjects[0]!.dynamo!;
  const large = subjects[1]!.dynamo!;
  const capacityRatio = large.capacityUnits / small.capacityUnits;
  for (const subject of subjects) log(`${subject.label}: ${subject.dynamo!.calls} DynamoDB calls in ${subject.dynamo!.roundTrips} round trip(s) (${subject.dynamo!.sequence}), ${subject.dynamo!.capacityUnits} capacity units`);
  const passed = comparison.ratio <= LIST_SCALING_BUDGET && capacityRatio <= LIST_SCALING_BUDGET;
  log(`${perSubject} lists per organisation (after 3 warm-up each); time ${comparison.ratio.toFixed(2)}x, capacity ${capacityRatio.toFixed(2)}x; budget ${LIST_SCALING_BUDGET}x: ${passed ? 'PASS' : 'FAIL'}`);
  return {
    passed,
    headline: `list-scaling: ${LARGE.toLocaleString('en')} vs ${SMALL} events: time ${comparison.ratio.toFixed(2)}x (medians ${comparison.large.latencyMs.median.toFixed(1)} vs ${comparison.small.latencyMs.median.toFixed(1)} ms), capacity ${capacityRatio.toFixed(2)}x (${large.capacityUnits} vs ${small.capacityUnits} units) (budget ${LIST_SCALING_BUDGET}x)`,
    data: {
      budget: LIST_SCALING_BUDGET,
      timeRatio: round(comparison.ratio, 3),
      capacityRatio: round(capacityRatio, 3),
      listsPerOrganisation: perSubject,
      rows: comparison.rows.map(({ subject, row }) => ({ ...row, dynamo: subject.dynamo, capacityUnits: capacity.get(subject) })),
    },
  };
}
