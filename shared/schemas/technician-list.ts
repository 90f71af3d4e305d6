/**
 * GET /v1/technicians' query, apart from technicians.ts so that ListTechnicians builds no profile
 * schema (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { acceptedLocalDate, storableNumberFromText } from './primitives.ts';
import { fieldMessage } from './field-messages.ts';
import { skillNames } from '../domain/technician.ts';

export const listTechniciansQuery = z
  .strictObject({
    skill: z.optional(z.enum(skillNames)),
    min_level: z
      .optional(storableNumberFromText().check(z.int(), z.gte(1), z.lte(5)))
      .check(z.describe('With `skill`, that skill\'s level; alone, any skill\'s')),
    certification: z
      .optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))
      .check(z.describe('A certification held on any skill (case ignored)')),
    valid_on: z
      .optional(acceptedLocalDate())
      .check(z.describe("With `certification`: it must not have expired before this local date (default: today in the organisation's time zone)")),
  })
  .check(
    z.refine((query) => query.valid_on === undefined || query.certification !== undefined, {
      ...fieldMessage('VALIDATION_ERROR.valid_on_without_certification'),
      path: ['valid_on'],
    }),
  );
export type ListTechniciansQuery = z.infer<typeof listTechniciansQuery>;
