/**
 * PlanningHub equipment query strings (docs/api-planninghub.md, "Equipment"): the window of GET
 * /v1/equipment/{id}, the list's filters and the availability selection. Apart from the bodies
 * (equipment.ts), whose free-JSON specifications pull most of zod into a bundle: the GET functions
 * bundle and build only these (docs/bench.md, "Cold start").
 */
import * as z from 'zod/mini';
import { storableNumberFromText } from './primitives.ts';
import { equipmentId } from './equipment-params.ts';
import { fieldMessage } from './field-messages.ts';
import { equipmentCategory, equipmentSubcategory } from './equipment-tokens.ts';
import { bothOrNeither, windowFields } from './equipment-window.ts';

// The catalogue tokens (also the bodies') and the window of GET /v1/equipment/{id}: in modules of
// their own, so that the bodies' and GetEquipment's bundles build none of the other queries.
export { equipmentCategory, equipmentSubcategory } from './equipment-tokens.ts';
export { equipmentWindowQuery } from './equipment-window.ts';

export const listEquipmentQuery = z
  .strictObject({
    category: z.optional(equipmentCategory),
    subcategory: z.optional(equipmentSubcategory),
    start_time: z.optional(windowFields.start_time),
    end_time: z.optional(windowFields.end_time),
    status: z._default(z.enum(['active', 'retired']), 'active').check(z.describe('`retired` lists the retired items (history)')),
    limit: z._default(storableNumberFromText().check(z.int(), z.gte(1), z.lte(50)), 20),
    cursor: z
      .optional(z.string().check(z.maxLength(1024), z.regex(/^[A-Za-z0-9_-]+$/, fieldMessage('VALIDATION_ERROR.cursor'))))
      .check(z.describe('next_cursor of the previous page, as is')),
  })
  .check(bothOrNeither());
export type ListEquipmentQuery = z.infer<typeof listEquipmentQuery>;

/** Items one availability request may cover. */
export const MAX_AVAILABILITY_ITEMS = 100;

const idList = z.pipe(
  z.pipe(
    z.string().check(z.maxLength(65 * MAX_AVAILABILITY_ITEMS)),
    z.transform((text: string) => text.split(',').map((id) => id.trim()).filter((id) => id !== '')),
  ),
  z.array(equipmentId).check(z.minLength(1), z.maxLength(MAX_AVAILABILITY_ITEMS)),
);

export const equipmentAvailabilityQuery = z
  .strictObject({
    start_time: windowFields.start_time,
    end_time: windowFields.end_time,
    category: z.optional(equipmentCategory),
    subcategory: z.optional(equipmentSubcategory),
    ids: z.optional(idList).check(z.describe(`Comma-separated ids, e.g. eq_101,eq_102 (at most ${MAX_AVAILABILITY_ITEMS})`)),
  })
  .check(
    z.refine((query) => query.ids !== undefined || query.category !== undefined || query.subcategory !== undefined, {
      ...fieldMessage('VALIDATION_ERROR.availability_selection'),
      path: ['category'],
    }),
    z.refine((query) => query.ids === undefined || (query.category === undefined && query.subcategory === undefined), {
      ...fieldMessage('VALIDATION_ERROR.ids_alone'),
      path: ['ids'],
    }),
  );
export type EquipmentAvailabilityQuery = z.infer<typeof equipmentAvailabilityQuery>;
