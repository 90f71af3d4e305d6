/**
 * PATCH /v1/shifts/{id} body (docs/api-planninghub.md, "Shifts") and its mapping onto the stored
 * shift, apart from shifts.ts so that creating a shift does not build it at cold start
 * (docs/bench.md). Same fields as the creation body (shifts.ts), all optional.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { storableNumber } from './primitives.ts';
import { fields, toClientEconomicValue, toDraftResources, toMetadata } from './shifts.ts';
import { draftOfShift, patchShiftTimes, sameTimes, type Shift, type ShiftChange } from '../domain/shift.ts';

export const updateShiftBody = z
  .strictObject({
    version: z.optional(storableNumber().check(z.int(), z.gte(1), z.describe('The version read (or If-Match: "<version>"); 412 when the shift changed since'))),
    title: z.optional(fields.title),
    start_time: z.optional(fields.start_time.check(z.describe('Sent alone, moves the whole shift: call time, breaks and end keep their offsets'))),
    end_time: z.optional(fields.end_time),
    call_time: z.optional(fields.call_time),
    break_times: z.optional(fields.break_times),
    resources: z.optional(fields.resources),
    economic_value: z.optional(z.nullable(fields.economic_value)).check(z.describe('null: back to the computed figures')),
    priority: z.optional(fields.priority),
    metadata: z.optional(fields.metadata),
    conflict_policy: z.optional(fields.conflict_policy),
    status: z.optional(z.enum(['confirmed', 'cancelled'])).check(z.describe('`cancelled` frees every resource; `confirmed` asks for every resource now (409 if one is still taken)')),
  })
  .check(z.refine((body) => Object.keys(body).some((key) => key !== 'version'), fieldMessage('VALIDATION_ERROR.besides_version')))
  .register(z.globalRegistry, { id: 'UpdateShiftInput' });
export type UpdateShiftBody = z.infer<typeof updateShiftBody>;

/** A PATCH onto the stored shift: the fields sent replace, the others stay (times: see patchShiftTimes). */
export function toShiftChange(current: Shift, body: UpdateShiftBody): ShiftChange {
  const base = draftOfShift(current);
  const times = patchShiftTimes(base.times, body);
  const conflictPolicy = body.conflict_policy ?? base.conflictPolicy;
  return {
    draft: {
      ...base,
      title: body.title ?? base.title,
      times,
      resources: body.resources === undefined ? base.resources : toDraftResources(body.resources),
      priority: body.priority ?? base.priority,
      metadata: body.metadata === undefined ? base.metadata : toMetadata(body.metadata),
      conflictPolicy,
      economicValue: body.economic_value === undefined ? base.economicValue : toClientEconomicValue(body.economic_value),
    },
    moved: !sameTimes(base.times, times),
    // Asking for `confirmed` means: every resource now, or nothing changes.
    policy: body.status === 'confirmed' ? 'reject' : conflictPolicy,
  };
}
