/**
 * Public AWS prices used to turn what one request consumes into dollars (docs/bench.md, "Cost per
 * request"), so that a change which doubles the bill shows in the bench's report. They are the
 * prices known on the date below, for us-east-1 (eu-west-3, Paris, is some 15-20% dearer): check
 * them against the current AWS price list before quoting them.
 */
export const PRICES = {
  asOf: '2026-11-30',
  region: 'us-east-1',
  /** DynamoDB on-demand, per million request units (the prices of the 1 November 2024 cut). */
  dynamoWritePerMillionUnits: 0.625,
  dynamoReadPerMillionUnits: 0.125,
  /** Lambda, per million invocations, and per GB-second on arm64 (the stack's architecture; x86_64 is 0.0000166667). */
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  /** API Gateway HTTP API, per million requests (first 300 million a month). */
  httpApiPerMillionRequests: 1.0,
} as const;

/** The stack's function memory (lib/constructs/api-function.ts). */
export const LAMBDA_MEMORY_GB = 0.5;

/**
 * Billed duration is estimated, not measured on Lambda: each sequential DynamoDB round trip at
 * ROUND_TRIP_MS (in-region DynamoDB answers in single-digit milliseconds; a transaction more), plus
 * the CPU this process spent in the handler scaled to the share of a vCPU that 512 MB buys
 * (Lambda allocates one full vCPU at 1,769 MB), rounded up to the millisecond as Lambda bills.
 */
export const ROUND_TRIP_MS = 8;
export const CPU_SCALE_512MB = 1769 / 512;

export function estimatedBilledMs(roundTrips: number, cpuMs: number): number {
  return Math.ceil(roundTrips * ROUND_TRIP_MS + cpuMs * CPU_SCALE_512MB);
}

/** Dollars per million requests of one kind: DynamoDB units, the function's invocation and duration, the HTTP API. */
export function costPerMillion(request: { readUnits: number; writeUnits: number; billedMs: number; gateway: boolean }) {
  const dynamo = request.readUnits * PRICES.dynamoReadPerMillionUnits + request.writeUnits * PRICES.dynamoWritePerMillionUnits;
  const lambda = PRICES.lambdaPerMillionRequests + (request.billedMs / 1000) * LAMBDA_MEMORY_GB * PRICES.lambdaArmPerGbSecond * 1_000_000;
  const gateway = request.gateway ? PRICES.httpApiPerMillionRequests : 0;
  return { dynamo, lambda, gateway, total: dynamo + lambda + gateway };
}
