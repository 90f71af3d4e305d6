/**
 * The time window of GET /v1/equipment/{id} (and the fields the list and availability queries
 * share with it), apart from equipment-queries.ts so that GetEquipment builds only this one
 * (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';

const instant = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.describe('RFC 3339 instant, e.g. `2024-02-15T20:00:00+01:00`; without an offset it is UTC'));
export const windowFields = {
  start_time: instant.check(z.describe('Start of the window (RFC 3339; UTC without an offset)')),
  end_time: instant.check(z.describe('End of the window, exclusive; at most 31 days after start_time')),
};

export const bothOrNeither = () =>
  z.refine<{ start_time?: string; end_time?: string }>((query) => (query.start_time === undefined) === (query.end_time === undefined), {
    ...fieldMessage('VALIDATION_ERROR.window_pair'),
    path: ['end_time'],
  });

export const equipmentWindowQuery = z
  .strictObject({ start_time: z.optional(windowFields.start_time), end_time: z.optional(windowFields.end_time) })
  .check(bothOrNeither());
