/**
 * Registrations on one event (issue 11, "Bench"): latency and throughput of the CreateRegistration
 * handler over DynamoDB Local, on an event with 10 registrations and on one with 10,000 already
 * there; budget median(10,000) <= 1.2 x median(10). A registration's transaction touches the event
 * item and its own items only (conditions, no read of the others), so history must not matter.
 *
 * Both events have an unlimited capacity: the confirmed path. A waitlisted registration also
 * counts its rank (a query over the waitlist entries ahead of it), which grows with its position
 * by design (docs/registrations.md, "Waitlist positions").
 * Then a burst: 200 simultaneous registrations on a fresh event, as registrations per second.
 */
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { EventEntity, RegistrationEmailEntity, RegistrationEntity } from '../shared/store/entities/events.ts';
import { createEvent } from '../shared/domain/event.ts';
import { newRegistration, timeOrderedId } from '../shared/domain/registration.ts';
import type { ApiEvent, ApiResult, Context } from '../shared/http/types.ts';
import { round } from './stats.ts';
import { compareHistories, prepareHandlerTable, sampleAlternately } from './history-comparison.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';

export const REGISTRATION_HISTORY_BUDGET = 1.2;
const ORGANIZATION_ID = 'org_bench_reg';
const SMALL = 10;
const LARGE = 10_000;
const BURST = 200;

type Handler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

interface Subject {
  label: string;
  eventId: string;
  history: number;
  samples: number[];
}

export const registrationsSuite: BenchSuite = {
  id: 'registrations',
  title: 'Registrations on one event: 10,000 existing vs 10 (CreateRegistration handler over DynamoDB Local), and a burst of 200',
  run: runRegistrations,
};

async function runRegistrations(context: BenchContext): Promise<SuiteOutcome> {
  const { log } = context;
  const tableName = 'stagecrew-bench-registrations';
  await prepareHandlerTable(context, tableName);
  const { documentClient } = await import('../shared/store/client.ts');
  const { handler } = (await import('../functions/eventlite/create-registration.ts')) as unknown as { handler: Handler };
  // One context per invocation, as Lambda gives: the pipeline keeps the request's scope (its parsed
  // body included) on it, so simultaneous invocations sharing one object would register each
  // other's addresses (the burst's "unexplained" 409 "already registered" of an earlier run).
  const lambdaContext = (requestId: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    return { awsRequestId: requestId, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) } as unknown as Context;
  };

  const seedEvent = async (eventId: string, existing: number) => {
    const event = createEvent(
      { title: 'Bench', mode: 'ONLINE', startAt: '2030-01-01T18:00:00Z', capacity: null, status: 'PUBLISHED' },
      { id: eventId, organizationId: ORGANIZATION_ID, organizerId: 'user_bench', slug: `bench-${eventId}` },
      new Date(),
    );
    await documentClient.send(new PutCommand({ TableName: tableName, Item: EventEntity.toItem({ ...event, confirmedCount: existing }) }));
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < existing; i++) {
      const registration = newRegistration(
        { name: `Existing ${i}`, email: `existing${i}@example.com`, source: 'api' },
        { id: timeOrderedId(Date.now() - existing + i, crypto.getRandomValues(new Uint8Array(10))), organizationId: ORGANIZATION_ID, eventId },
        'CONFIRMED',
        new Date(),
      );
      items.push(RegistrationEntity.toItem(registration));
      items.push(RegistrationEmailEntity.toItem({ organizationId: ORGANIZATION_ID, eventId, registrationId: registration.id, emailKey: registration.emailKey }));
    }
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const batch = items.slice(next, next + 25);
        next += 25;
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt >= 8) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
          const result = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  };

  let request = 0;
  const invoke = async (eventId: string, timeoutMs = 10_000): Promise<number> => {
    request++;
    const body = JSON.stringify({ name: `Bench ${request}`, email: `bench${request}@example.com` });
    const path = `/api/v1/events/${eventId}/registrations`;
    const event = {
      version: '2.0',
      routeKey: 'POST /api/v1/events/{id}/registrations',
      rawPath: path,
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      pathParameters: { id: eventId },
      body,
      isBase64Encoded: false,
      requestContext: {
        requestId: `bench-${request}`,
        routeKey: 'POST /api/v1/events/{id}/registrations',
        http: { method: 'POST', path, sourceIp: '127.0.0.1' },
        authorizer: { lambda: { principal: 'user', userId: 'user_bench', organizationId: ORGANIZATION_ID, authType: 'jwt', member: true, roles: 'admin' } },
      },
    } as unknown as ApiEvent;
    const t0 = performance.now();
    const response = (await handler(event, lambdaContext(`bench-${request}`, timeoutMs))) as { statusCode: number; body: string };
    const elapsed = performance.now() - t0;
    if (response.statusCode !== 201) throw new Error(`registration on ${eventId} answered ${response.statusCode}: ${response.body}`);
    return elapsed;
  };

  const subjects: Subject[] = [
    { label: `${SMALL} registrations`, eventId: 'e0000000-0000-4000-8000-000000000010', history: SMALL, samples: [] },
    { label: `${LARGE.toLocaleString('en')} registrations`, eventId: 'e0000000-0000-4000-8000-000000010000', history: LARGE, samples: [] },
  ];
  const seedStart = performance.now();
  for (const subject of subjects) await seedEvent(subject.eventId, subject.history);
  log(`Seeded ${SMALL + LARGE} registrations in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const perSubject = Math.max(40, context.runs * 3);
  await sampleAlternately(subjects, 5, perSubject, (subject) => invoke(subject.eventId));
  const comparison = compareHistories(subjects, 'event', log);
  const sequentialPerSecond = subjects.map((subject) => ({ label: subject.label, perSecond: round(1000 / comparison.rows.find((r) => r.subject === subject)!.row.latencyMs.median, 1) }));

  // The burst: everyone at once on a fresh unlimited event, end to end through the handler.
  const burstEvent = 'e0000000-0000-4000-8000-00000000b057';
  await seedEvent(burstEvent, 0);
  const burstStart = performance.now();
  // DynamoDB Local commits the burst's transactions one at a time, at a small fraction of
  // DynamoDB's speed: the deployed 10 s deadline would measure the emulator's queue, not the code.
  const burstLatencies = await Promise.all(Array.from({ length: BURST }, () => invoke(burstEvent, 300_000)));
  const burstSeconds = (performance.now() - burstStart) / 1000;
  const burstPerSecond = round(BURST / burstSeconds, 1);
  burstLatencies.sort((a, b) => a - b);
  const burstLatency = { medianMs: round(burstLatencies[BURST >> 1]!, 0), maxMs: round(burstLatencies[BURST - 1]!, 0) };
  log(
    `Sequential: ${sequentialPerSecond.map((s) => `${s.perSecond}/s with ${s.label}`).join(', ')}; burst of ${BURST} simultaneous: ${burstPerSecond}/s (${burstSeconds.toFixed(2)} s, latency median ${burstLatency.medianMs} ms, max ${burstLatency.maxMs} ms)`,
  );

  const ratio = comparison.ratio;
  const passed = ratio <= REGISTRATION_HISTORY_BUDGET;
  log(`${perSubject} registrations per event (after 5 warm-up each); budget ${REGISTRATION_HISTORY_BUDGET}x: ${passed ? 'PASS' : 'FAIL'}`);
  return {
    passed,
    headline: `registrations: ${ratio.toFixed(2)}x with ${LARGE.toLocaleString('en')} vs ${SMALL} existing (budget ${REGISTRATION_HISTORY_BUDGET}x); ${sequentialPerSecond[0]!.perSecond}/s sequential, ${burstPerSecond}/s in a burst of ${BURST}`,
    data: { budget: REGISTRATION_HISTORY_BUDGET, ratio: round(ratio, 3), perSubject, rows: comparison.rows.map(({ row }) => row), sequentialPerSecond, burst: { count: BURST, seconds: round(burstSeconds, 3), perSecond: burstPerSecond, ...burstLatency } },
  };
}
