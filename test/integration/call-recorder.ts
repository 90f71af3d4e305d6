/**
 * For tests that count a handler's DynamoDB round trips: the handler runs in the test's process
 * against the test runtime's table, and a spy on the document client passes every call through
 * unchanged (DynamoDB Local answers), noting only when each started and ended.
 */
import { afterEach, beforeAll, inject, vi } from 'vitest';
import { documentClient } from '../../shared/store/client.ts';

/** Points this process's document client at the test runtime's table, and removes the spy after each test. */
export function useRuntimeTableInProcess() {
  beforeAll(() => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamoDbEndpoint');
    process.env.TABLE_NAME = inject('tableName');
    process.env.AWS_REGION = 'eu-west-3';
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
    process.env.LOG_SILENT ??= 'true';
  });
  afterEach(() => vi.restoreAllMocks());
}

export interface Call {
  command: unknown;
  start: number;
  end: number;
}

/** Records every call the document client sends from now on (until the spy is restored). */
export function recordCalls(): Call[] {
  const calls: Call[] = [];
  const send = documentClient.send.bind(documentClient);
  vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown) => {
    const call: Call = { command, start: performance.now(), end: Number.POSITIVE_INFINITY };
    calls.push(call);
    try {
      return await send(command as never);
    } finally {
      call.end = performance.now();
    }
  }) as never);
  return calls;
}

/** Calls grouped into sequential round trips: a call that starts before the current group's last end joins it. */
export function roundTrips(calls: readonly Call[]): Call[][] {
  const groups: Call[][] = [];
  let groupEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    if (groups.length > 0 && call.start < groupEnd) {
      groups.at(-1)!.push(call);
      groupEnd = Math.max(groupEnd, call.end);
    } else {
      groups.push([call]);
      groupEnd = call.end;
    }
  }
  return groups;
}
