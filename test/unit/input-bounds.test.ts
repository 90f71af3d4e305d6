/** The shared input bounds (shared/domain/bounds.ts, shared/schemas/primitives.ts) that keep bad input a 400. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { acceptedInstantYear, acceptedLocalDate, boundedId, storableNumber } from '../../shared/schemas/primitives.ts';
import { parseInstant } from '../../shared/domain/allocation.ts';
import { jsonDepthExceeds } from '../../shared/http/middlewares.ts';

const accepts = (schema: z.core.$ZodType, value: unknown) => z.safeParse(schema, value).success;

describe('API4:2023 Unrestricted Resource Consumption — input bounds', () => {
  it('accepts the years 1900-2999 only, years 0000-0099 included among the refused', () => {
    // Act
    const dates = ['0000-01-01', '0050-06-15', '0099-12-31', '1899-12-31', '1900-01-01', '2999-12-31', '3000-01-01', '9999-12-31'].map((date) => accepts(acceptedLocalDate(), date));
    const instants = ['0000-01-01T00:00:00Z', '0099-12-31T23:00:00+01:00', '2024-02-15T20:00:00Z', '9999-12-31T23:59:59Z'].map((text) => accepts(z.string().check(acceptedInstantYear()), text));
    const parsed = ['0050-01-01T00:00:00Z', '2024-02-15T20:00:00+01:00', '9999-01-01T00:00:00Z'].map((text) => parseInstant(text) !== null);

    // Assess
    expect(dates).toEqual([false, false, false, false, true, true, false, false]);
    expect(instants).toEqual([false, false, true, false]);
    expect(parsed).toEqual([false, true, false]);
  });

  it('accepts only numbers DynamoDB stores', () => {
    // Act
    const verdicts = [0, -0, 0.5, 1e-130, 1e-131, -1e-131, 5e-324, 2 ** 53, 1e308, Number.NaN, Infinity].map((n) => accepts(storableNumber(), n));

    // Assess
    expect(verdicts).toEqual([true, true, true, true, false, false, false, false, false, false, false]);
  });

  it('bounds ids to 128 characters of a charset without the key separator', () => {
    // Act
    const verdicts = ['evt_1', 'auth0|abc.def', 'a'.repeat(128), 'a'.repeat(129), '', 'ORG#x', 'a b', '%ff'].map((id) => accepts(boundedId(), id));

    // Assess
    expect(verdicts).toEqual([true, true, true, false, false, false, false, false]);
  });

  it('measures JSON depth without recursion, brackets inside strings ignored', () => {
    // Act
    const deep = jsonDepthExceeds('['.repeat(100_000) + ']'.repeat(100_000), 32);
    const shallow = jsonDepthExceeds(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', b: [[1]], c: '\\"[' }), 3);
    const limit = [jsonDepthExceeds('[[[]]]', 3), jsonDepthExceeds('[[[[]]]]', 3)];

    // Assess
    expect(deep).toBe(true);
    expect(shallow).toBe(false);
    expect(limit).toEqual([false, true]);
  });
});
