/**
 * POST /v1/equipment/book body (docs/api-planninghub.md, "Equipment"), apart from equipment.ts so
 * that booking does not build the catalogue's schemas at cold start (docs/bench.md). Instants are
 * plain strings, parsed by the domain (parseTimeRange), as in equipment.ts.
 */
import * as z from 'zod/mini';
import { storableNumber } from './primitives.ts';
import { equipmentId } from './equipment-params.ts';

const instant = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.describe('RFC 3339 instant, e.g. `2024-02-15T20:00:00+01:00`; without an offset it is UTC'));
const reference = z.string().check(z.minLength(1), z.maxLength(200));

export const bookEquipmentBody = z
  .strictObject({
    equipment_id: equipmentId,
    event_id: reference.check(z.describe('An event of the organisation')),
    shift_id: z.optional(z.nullable(reference)).check(z.describe('The shift the booking serves, if any')),
    start_time: instant,
    end_time: instant.check(z.describe('Exclusive; after start_time, at most 7 days later')),
    technician_id: z.optional(z.nullable(reference)).check(z.describe("Who operates the item: must hold the item's required certifications")),
    quantity: z
      .optional(storableNumber().check(z.int(), z.gte(1), z.lte(1_000_000)))
      .check(z.describe('Bulk items: how many of the stock (default 1); units: 1')),
  })
  .register(z.globalRegistry, { id: 'BookEquipmentInput' });
export type BookEquipmentBody = z.infer<typeof bookEquipmentBody>;
