/**
 * The bounds every input meets before it reaches a key, an item or a date computation, declared
 * once (pure, no zod: the authorizer and the stores use them too). The zod forms are in
 * shared/schemas/primitives.ts.
 */

/**
 * An id a client names (path parameter, X-Organization-ID, X-Event-ID): short enough for any
 * DynamoDB key it becomes part of (sort keys hold 1 KB), in a charset without the `#` that
 * separates key parts. `|` and `.` for identity-provider user ids (`auth0|...`), `@` and `:` for
 * external references.
 */
export const MAX_ID_LENGTH = 128;
export const ID_PATTERN = /^[A-Za-z0-9_.:|@-]{1,128}$/;
export const isBoundedId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

/**
 * Accepted years, for local dates and instants alike: before 1900 is a typo, and Date.UTC maps the
 * years 0-99 onto 1900-1999; 2999 is the allocations' END_OF_TIME. Four-digit years also keep ISO
 * strings sortable in index keys.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
export const isAcceptedYear = (year: number): boolean => Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
export const isAcceptedInstant = (ms: number): boolean => Number.isFinite(ms) && isAcceptedYear(new Date(ms).getUTCFullYear());

/**
 * A number DynamoDB stores and the SDK marshals: finite, 0 or at least 1e-130 in magnitude
 * (DynamoDB's smallest), and within ±2^53 (the document client refuses larger numbers as
 * imprecise; DynamoDB's own limit, 9.99e125, is further still). DynamoDB keeps 38 significant
 * digits, more than a double holds.
 */
export const MIN_STORABLE_MAGNITUDE = 1e-130;
export const isStorableNumber = (value: number): boolean =>
  Number.isFinite(value) && (value === 0 || (Math.abs(value) >= MIN_STORABLE_MAGNITUDE && Math.abs(value) <= Number.MAX_SAFE_INTEGER));
