/**
 * PlanningHub equipment (docs/api-planninghub.md, "Equipment"): request schemas in the spec's snake_case and
 * their mapping onto the domain. Strict objects: an unknown field is a 400 naming it. Instants
 * are plain strings here and parsed by the domain (parseTimeRange), so that a malformed one is the
 * spec's 400 INVALID_TIME_RANGE rather than a generic validation error. In `zod/mini` for the cold
 * start (docs/schemas.md); the responses are in equipment-docs.ts, which only the manifest imports.
 * The path parameters (equipment-params.ts), the query strings (equipment-queries.ts) and the
 * booking body (equipment-booking.ts) are modules of their own so that a function builds only the
 * schemas it parses, and bundles only the parts of zod they use (docs/bench.md).
 */
import * as z from 'zod/mini';
import { acceptedLocalDate, storableNumber, storableNumberFromText } from './primitives.ts';
import { equipmentCategory, equipmentSubcategory } from './equipment-tokens.ts';
import { fieldMessage, fieldTemplate } from './field-messages.ts';
import { equipmentKinds, type EquipmentPatch, type NewEquipmentInput } from '../domain/equipment.ts';

const localDate = acceptedLocalDate().check(
  z.describe("Local date `YYYY-MM-DD` in the organisation's time zone"),
);
const isCents = (amount: number) => Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6;

/** Free JSON, bounded: DynamoDB nests at most 32 levels and an item holds at most 400 KB. */
const MAX_SPECIFICATIONS_BYTES = 16_384;
const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf)) : 0;
const specifications = z.record(z.string().check(z.minLength(1), z.maxLength(100)), z.json()).check(
  z.refine((value) => Buffer.byteLength(JSON.stringify(value), 'utf8') <= MAX_SPECIFICATIONS_BYTES, fieldTemplate('VALIDATION_ERROR.specifications_size', { max: MAX_SPECIFICATIONS_BYTES })),
  z.refine((value) => depthOf(value) <= 8, fieldTemplate('VALIDATION_ERROR.specifications_depth', { max: 8 })),
  z.describe('Free JSON object, e.g. {"inputs": 128, "outputs": 64, "compatibility": ["Dante", "MADI"]}'),
);

const fields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  category: equipmentCategory,
  subcategory: equipmentSubcategory,
  kind: z.enum(equipmentKinds).check(z.describe('`unit`: one physical item; `bulk`: a stock of interchangeable items')),
  quantity_total: storableNumber().check(z.int(), z.gte(1), z.lte(1_000_000), z.describe('Size of the stock (bulk only; a unit is 1)')),
  specifications,
  last_maintenance_date: z.nullable(localDate),
  next_maintenance_date: z
    .nullable(localDate)
    .check(z.describe('Local date; the item is away that day and not bookable from then on until the dates are updated')),
  required_certifications: z
    .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))
    .check(z.maxLength(20), z.describe('Certifications the technician named on a booking must hold, e.g. ["DiGiCo Certified"]')),
  daily_rate: z
    .nullable(storableNumber().check(z.gte(0), z.lte(1_000_000), z.refine(isCents, fieldMessage('VALIDATION_ERROR.to_the_cent'))))
    .check(z.describe('Euros per day, for the financial engine')),
};

export const createEquipmentBody = z
  .strictObject({
    name: fields.name,
    category: fields.category,
    subcategory: fields.subcategory,
    kind: z._default(fields.kind, 'unit'),
    quantity_total: z.optional(fields.quantity_total),
    specifications: z.optional(fields.specifications),
    last_maintenance_date: z.optional(fields.last_maintenance_date),
    next_maintenance_date: z.optional(fields.next_maintenance_date),
    required_certifications: z.optional(fields.required_certifications),
    daily_rate: z.optional(fields.daily_rate),
  })
  .check(
    z.refine((body) => body.kind === 'bulk' || body.quantity_total === undefined || body.quantity_total === 1, {
      ...fieldMessage('VALIDATION_ERROR.unit_quantity_kind'),
      path: ['quantity_total'],
    }),
  )
  .register(z.globalRegistry, { id: 'CreateEquipmentInput' });
export type CreateEquipmentBody = z.infer<typeof createEquipmentBody>;

export const updateEquipmentBody = z
  .strictObject({
    name: z.optional(fields.name),
    category: z.optional(fields.category),
    subcategory: z.optional(fields.subcategory),
    quantity_total: z.optional(fields.quantity_total),
    specifications: z.optional(fields.specifications),
    last_maintenance_date: z.optional(fields.last_maintenance_date),
    next_maintenance_date: z.optional(fields.next_maintenance_date),
    required_certifications: z.optional(fields.required_certifications),
    daily_rate: z.optional(fields.daily_rate),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, fieldMessage('VALIDATION_ERROR.empty_body')))
  .register(z.globalRegistry, { id: 'UpdateEquipmentInput' });
export type UpdateEquipmentBody = z.infer<typeof updateEquipmentBody>;




// ---------------------------------------------------------------------------------------------
// Request bodies onto the domain.

function defined<T extends Record<string, unknown>>(object: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

export function toNewEquipmentInput(body: CreateEquipmentBody): NewEquipmentInput {
  return {
    name: body.name,
    category: body.category,
    subcategory: body.subcategory,
    kind: body.kind,
    quantityTotal: body.quantity_total,
    specifications: body.specifications as Record<string, unknown> | undefined,
    lastMaintenanceDate: body.last_maintenance_date,
    nextMaintenanceDate: body.next_maintenance_date,
    requiredCertifications: body.required_certifications,
    dailyRate: body.daily_rate,
  };
}

export function toEquipmentPatch(body: UpdateEquipmentBody): EquipmentPatch {
  return defined({
    name: body.name,
    category: body.category,
    subcategory: body.subcategory,
    quantityTotal: body.quantity_total,
    specifications: body.specifications as Record<string, unknown> | undefined,
    lastMaintenanceDate: body.last_maintenance_date,
    nextMaintenanceDate: body.next_maintenance_date,
    requiredCertifications: body.required_certifications,
    dailyRate: body.daily_rate,
  });
}
