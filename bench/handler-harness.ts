/**
 * In-process handler invocation and DynamoDB call recording, shared by the suites that measure what
 * one request costs (request-overhead, list-scaling, bulk-stock).
 *
 * - `apiEvent` builds the API Gateway v2 event a route receives behind the Lambda authorizer (a
 *   JWT principal, so both surfaces accept it), as bench/booking.ts does.
 * - `DynamoRecorder` is a middleware on the shared document client (shared/store/client.ts): every
 *   call a handler makes is recorded with its wire input (marshalled, exactly what DynamoDB
 *   receives), its start and end, and the capacity DynamoDB reports (ReturnConsumedCapacity TOTAL
 *   is added to every call while recording). The same input can then be replayed raw on the same
 *   client, with the same overlaps, to time the DynamoDB work alone.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as ddb from '@aws-sdk/client-dynamodb';
import type { ApiEvent, ApiResult, Context } from '../shared/http/types.ts';

export type Handler = (event: ApiEvent, context: Context) => Promise<ApiResult>;
export type Answer = ApiResult & { statusCode: number; body: string };

export const lambdaContext = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

export interface Caller {
  organizationId: string;
  userId: string;
  roles: string;
  /** More of the authorizer's context (e.g. membershipGeneration, which issuing an API key needs). */
  context?: Record<string, unknown>;
}

export interface RouteCall {
  /** 'GET /v1/shifts/{id}' */
  routeKey: string;
  /** The concrete path, for the event's rawPath. */
  path: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

let requests = 0;

export function apiEvent(caller: Caller, call: RouteCall): ApiEvent {
  requests++;
  const [method] = call.routeKey.split(' ');
  const rawQueryString = call.query ? new URLSearchParams(call.query).toString() : '';
  return {
    version: '2.0',
    routeKey: call.routeKey,
    rawPath: call.path,
    rawQueryString,
    headers: { 'content-type': 'application/json', 'x-organization-id': caller.organizationId },
    ...(call.query ? { queryStringParameters: call.query } : {}),
    ...(call.pathParameters ? { pathParameters: call.pathParameters } : {}),
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    isBase64Encoded: false,
    requestContext: {
      requestId: `bench-${requests}`,
      routeKey: call.routeKey,
      http: { method, path: call.path, sourceIp: '127.0.0.1' },
      authorizer: { lambda: { principal: 'user', userId: caller.userId, organizationId: caller.organizationId, authType: 'jwt', member: true, roles: caller.roles, ...caller.context } },
    },
  } as unknown as ApiEvent;
}

export async function invoke(handler: Handler, caller: Caller, call: RouteCall): Promise<Answer> {
  return (await handler(apiEvent(caller, call), lambdaContext)) as Answer;
}

export interface RecordedCall {
  /** 'GetItemCommand', 'TransactWriteItemsCommand', ... */
  command: string;
  /** The marshalled input as sent (with ReturnConsumedCapacity TOTAL). */
  input: Record<string, unknown>;
  start: number;
  end: number;
  /** Sum of the ConsumedCapacity entries DynamoDB returned (undefined if it reported none). */
  capacityUnits?: number;
  readUnits?: number;
  writeUnits?: number;
  error?: string;
}

/** Calls grouped by overlap: calls whose spans overlap count as one sequential round trip. */
export function roundTrips(calls: readonly RecordedCall[]): RecordedCall[][] {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const groups: RecordedCall[][] = [];
  let groupEnd = -Infinity;
  for (const call of sorted) {
    if (call.start < groupEnd && groups.length > 0) {
      groups.at(-1)!.push(call);
      groupEnd = Math.max(groupEnd, call.end);
    } else {
      groups.push([call]);
      groupEnd = call.end;
    }
  }
  return groups;
}

function sumCapacity(consumed: unknown): { total?: number; read?: number; write?: number } {
  const entries = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }[];
  if (entries.length === 0) return {};
  let total = 0;
  let read = 0;
  let write = 0;
  for (const entry of entries) {
    total += entry.CapacityUnits ?? 0;
    read += entry.ReadCapacityUnits ?? 0;
    write += entry.WriteCapacityUnits ?? 0;
  }
  return { total, read, write };
}

/** A call as recorded during the request: its wire body and capacity, still raw. */
interface PendingCall extends RecordedCall {
  wire?: unknown;
  consumed?: unknown;
}

/** The recorded call, its input decoded and its capacity summed (after the timed span). */
function settle(call: PendingCall): RecordedCall {
  const { wire, consumed, ...recorded } = call;
  // The JSON protocol hands a byte array over (a string adapter around it in recent SDKs).
  const text = typeof wire === 'string' ? wire : wire instanceof Uint8Array ? new TextDecoder().decode(wire) : undefined;
  if (text !== undefined) recorded.input = JSON.parse(text) as Record<string, unknown>;
  const capacity = sumCapacity(consumed);
  recorded.capacityUnits = capacity.total;
  if (!call.error) {
    // DynamoDB Local reports only the total: the command says which kind of unit it is.
    const writes = /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(call.command);
    recorded.readUnits = capacity.read || (writes ? 0 : capacity.total);
    recorded.writeUnits = capacity.write || (writes ? capacity.total : 0);
  }
  return recorded;
}

/** The raw command classes a recorded call can be replayed with. */
const rawCommands: Record<string, new (input: never) => object> = {
  GetItemCommand: ddb.GetItemCommand,
  PutItemCommand: ddb.PutItemCommand,
  UpdateItemCommand: ddb.UpdateItemCommand,
  DeleteItemCommand: ddb.DeleteItemCommand,
  QueryCommand: ddb.QueryCommand,
  ScanCommand: ddb.ScanCommand,
  BatchGetItemCommand: ddb.BatchGetItemCommand,
  BatchWriteItemCommand: ddb.BatchWriteItemCommand,
  TransactGetItemsCommand: ddb.TransactGetItemsCommand,
  TransactWriteItemsCommand: ddb.TransactWriteItemsCommand,
};

/** Table names inside an input (TableName, and the keys of RequestItems), rewritten. */
export function retable(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((entry) => retable(entry, from, to));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'TableName' && entry === from) out[key] = to;
    else if (key === 'RequestItems' && entry && typeof entry === 'object') {
      out[key] = Object.fromEntries(Object.entries(entry as Record<string, unknown>).map(([table, request]) => [table === from ? to : table, retable(request, from, to)]));
    } else out[key] = retable(entry, from, to);
  }
  return out;
}

export class DynamoRecorder {
  private recording: RecordedCall[] | undefined;

  // The suites of one `npm run bench` share the store's client: a recorder replaces the previous
  // one's middlewares (`override`), which are otherwise left on the client.
  constructor(private readonly client: DynamoDBDocumentClient) {
    const recorder = this;
    type Ctx = { commandName?: string; benchCall?: PendingCall };
    // Outermost: the call's whole span, from the handler's send() to its result (marshalling and
    // unmarshalling included). What the recorder itself does with a call (decoding its wire input,
    // summing its capacity) waits until the request is over (settle), outside the timed span: the
    // replay does none of it, so doing it here counted the recorder's work as the handler's.
    client.middlewareStack.add(
      (next, context: Ctx) => async (args) => {
        const log = recorder.recording;
        if (!log) return next(args);
        const call: PendingCall = { command: context.commandName ?? 'unknown', input: {}, start: performance.now(), end: 0 };
        context.benchCall = call;
        (args as { input: Record<string, unknown> }).input = { ...(args.input as Record<string, unknown>), ReturnConsumedCapacity: 'TOTAL' };
        try {
          const result = await next(args);
          call.consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
          return result;
        } catch (error) {
          call.error = (error as Error).name;
          // A refused write (a failed condition) still consumes units; DynamoDB Local does not say how many.
          call.consumed = (error as { ConsumedCapacity?: unknown }).ConsumedCapacity;
          throw error;
        } finally {
          call.end = performance.now();
          log.push(call);
        }
      },
      { step: 'initialize', priority: 'high', name: 'benchRecordSpan', override: true },
    );
    // After serialisation: the wire body is the marshalled input, exactly what DynamoDB receives.
    client.middlewareStack.add(
      (next, context: Ctx) => async (args) => {
        if (context.benchCall) context.benchCall.wire = (args.request as { body?: unknown }).body;
        return next(args);
      },
      { step: 'build', priority: 'low', name: 'benchRecordInput', override: true },
    );
  }

  /** Runs `work` and returns what it answered with every DynamoDB call it made. */
  async record<T>(work: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[]; ms: number; cpuMs: number }> {
    if (this.recording) throw new Error('recordings do not nest');
    const calls: PendingCall[] = [];
    this.recording = calls;
    // This process's CPU only: DynamoDB Local runs in its own, so this is the handler's and the SDK's work.
    // Read outside the wall-clock span: a reading costs about 0.02 ms in place, which the replay
    // (timed on the wall clock alone) does not pay.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      const result = await work();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      return { result, calls: calls.map(settle), ms, cpuMs: (cpu.user + cpu.system) / 1000 };
    } finally {
      this.recording = undefined;
    }
  }

  /**
   * The recorded calls sent again, raw (no document marshalling, no handler), on the same client,
   * round trip after round trip with the calls of one round trip in parallel, to `tableName`
   * (a mirror of the recorded table, so writes find the same state and leave the same). Errors
   * the original call also met are expected and ignored. Returns the elapsed milliseconds.
   */
  async replay(calls: readonly RecordedCall[], fromTable: string, toTable: string): Promise<number> {
    const groups = roundTrips(calls).map((group) =>
      group.map((call) => {
        const Command = rawCommands[call.command];
        if (!Command) throw new Error(`cannot replay ${call.command}`);
        // The SDK filled in the transaction's idempotency token: the replay is another request, with its own.
        const { ClientRequestToken: _token, ...input } = call.input;
        // Rewritten before the clock starts: the bench's work, not DynamoDB's (the command itself
        // is built inside the span, as the handler builds its own).
        const replayed = retable(input, fromTable, toTable);
        return { call, command: () => new Command(replayed as never) };
      }),
    );
    if (this.recording) throw new Error('replay during a recording');
    // The replay's calls go through the recording middlewares too, as the handler's did (a call
    // object, two clock readings, a copy of the input): that work is the bench's, so both sides
    // pay it. What they record is dropped.
    this.recording = [];
    try {
      const t0 = performance.now();
      for (const group of groups) {
        await Promise.all(
          group.map(async ({ call, command }) => {
            try {
              await this.client.send(command() as never);
            } catch (error) {
              if (!call.error) throw new Error(`replay of ${call.command} failed where the handler's call did not: ${(error as Error).name}: ${(error as Error).message}`);
            }
          }),
        );
      }
      return performance.now() - t0;
    } finally {
      this.recording = undefined;
    }
  }
}

export interface CallSummary {
  calls: number;
  roundTrips: number;
  capacityUnits: number;
  readUnits: number;
  writeUnits: number;
  /** 'GetItem x2, Query, TransactWriteItems' */
  shape: string;
  /** Round trips, each with its calls: 'Query | BatchGetItem+Query | TransactWriteItems' */
  sequence: string;
}

const short = (command: string) => command.replace(/Command$/, '');

export function summarise(calls: readonly RecordedCall[]): CallSummary {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(short(call.command), (counts.get(short(call.command)) ?? 0) + 1);
  const sum = (pick: (call: RecordedCall) => number | undefined) => Math.round(calls.reduce((total, call) => total + (pick(call) ?? 0), 0) * 100) / 100;
  return {
    calls: calls.length,
    roundTrips: roundTrips(calls).length,
    capacityUnits: sum((call) => call.capacityUnits),
    readUnits: sum((call) => call.readUnits),
    writeUnits: sum((call) => call.writeUnits),
    shape: [...counts].map(([name, count]) => (count > 1 ? `${name} x${count}` : name)).join(', '),
    sequence: roundTrips(calls)
      .map((group) => group.map((call) => short(call.command).replace(/Items?$/, '')).join('+'))
      .join(' | '),
  };
}

/** Every item of `from` written to `to` (the replay's mirror); returns how many. */
export async function copyTable(client: DynamoDBDocumentClient, from: string, to: string): Promise<number> {
  const { ScanCommand, BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  let copied = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: from, ExclusiveStartKey: startKey }));
    const items = page.Items ?? [];
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= 8) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [to]: pending } }));
        pending = (result.UnprocessedItems?.[to] ?? []) as typeof pending;
      }
    }
    copied += items.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return copied;
}
