/**
 * PlanningHub shift responses: for the route manifest's documentation only (the views in
 * shared/views/shifts.ts build them). Apart from the request schemas so that handlers do not
 * build them at cold start.
 */
import * as z from 'zod';
import { conflictPolicies, shiftPriorities, shiftStatuses } from '../domain/shift.ts';

/** A URL as sent, a document id as sent (POST/PATCH answers), or on GET the document it names (null while not ready). */
const technicalSheet = z
  .union([
    z.string(),
    z
      .object({ id: z.string(), file_name: z.string(), content_type: z.string(), size: z.number().int(), sha256: z.string(), download_url: z.string() })
      .meta({ id: 'DocumentReference' }),
  ])
  .nullable();

const offsetInstant = z.string().describe("RFC 3339 with the organisation's offset, e.g. 2024-02-15T20:00:00+01:00");
const utcInstant = z.string().describe('RFC 3339, UTC');

const breakdownSchema = z.object({
  labor_cost: z.number(),
  equipment_cost: z.number(),
  meal_allowance: z.number(),
  transport_cost: z.number(),
  overtime_cost: z.number().describe('Premiums on top of the base hours: night, weekend, emergency call, weekly overtime'),
});

const costLineSchema = z.object({
  component: z.enum(['labor_cost', 'overtime_cost', 'equipment_cost', 'meal_allowance', 'transport_cost']),
  class: z.string().describe('base, night, night+weekend, emergency, overtime_25, equipment, meal_window, long_shift, transport...'),
  quantity: z.number(),
  unit: z.enum(['hour', 'unit_day', 'unit', 'shift']),
  rate: z.number(),
  multiplier: z.number().describe('amount = quantity x rate x multiplier (premium lines carry the uplift only)'),
  amount: z.number(),
  technician_id: z.string().optional(),
  equipment_id: z.string().optional(),
});

export const shiftEconomicValueSchema = z
  .object({
    total_amount: z.number().describe("The shift's amount: the client's when it sent one (checked against its breakdown), else the computed one"),
    budget_line: z.string().describe("The event's budget line charged"),
    currency: z.string(),
    breakdown: breakdownSchema,
    source: z.enum(['client', 'computed']),
    base_rate: z.number().optional(),
    equipment_rate: z.number().optional(),
    computed: z
      .object({
        total_amount: z.number(),
        currency: z.string(),
        breakdown: breakdownSchema,
        emergency_call: z.boolean().describe('Scheduled less than the notice (default 24 h) before its call time'),
        hours: z.object({ paid: z.number(), night: z.number(), weekend: z.number(), overtime: z.number(), emergency: z.number() }),
        lines: z.array(costLineSchema),
        uncosted_technicians: z.array(z.string()).describe('Technicians without an employment contract'),
      })
      .describe("The financial engine's figures: contracts, night/weekend/emergency premiums, weekly overtime, meal, transport, equipment daily rates"),
  })
  .meta({ id: 'ShiftEconomicValue' });

export const shiftConflictSchema = z
  .object({
    shift_id: z.string().nullable().describe('The shift holding the resource (null for an equipment booking)'),
    resource_id: z.string(),
    resource_type: z.enum(['technician', 'equipment']),
    severity: z.enum(['high']),
    overlap: z.string().describe('`<start> - <end>`, in the organisation offset'),
    booking_id: z.string().optional(),
    event_id: z.string().optional(),
    requested_quantity: z.number().int().optional(),
    available_quantity: z.number().int().optional(),
  })
  .meta({ id: 'ShiftConflict' });

export const suggestedActionSchema = z
  .union([
    z.object({ action: z.string().describe('`reschedule_<shift id>` (in a 409 of a creation, the id the shift would have had: `details.shift_id`)'), new_start_time: offsetInstant }),
    z.object({
      action: z.literal('assign_alternative_technician'),
      technician_id: z.string(),
      skills_match: z.number().describe('0-1: mean of level/5 over the required skills'),
      replaces: z.string().describe('The technician in conflict'),
    }),
  ])
  .meta({ id: 'ShiftSuggestedAction' });

const warningSchema = z
  .object({ code: z.string(), message: z.string(), severity: z.enum(['low', 'medium', 'high']) })
  .catchall(z.unknown())
  .describe('OVERLAP_WARNING, LABOR_LAW_NEAR_LIMIT, OUTSIDE_AVAILABILITY, MAINTENANCE_DUE, CONTRACT_MISSING, BUDGET_LINE_EXCEEDED, BUDGET_LINE_UNKNOWN');

export const createdShiftSchema = z
  .object({
    id: z.string(),
    status: z.enum(shiftStatuses),
    conflicts: z.array(shiftConflictSchema).describe('Empty unless the shift is pending (conflict_policy flag)'),
    suggested_actions: z.array(suggestedActionSchema).optional().describe('With conflicts only'),
    warnings: z.array(warningSchema),
    economic_value: shiftEconomicValueSchema,
    created_at: utcInstant,
    version: z.number().int(),
  })
  .meta({ id: 'CreatedShift' });

const technicianResourceSchema = z.object({
  id: z.string(),
  type: z.literal('technician'),
  name: z.string().nullable(),
  role: z.string().nullable(),
  skills: z.array(z.string()).describe("The technician's skills"),
  status: z.enum(['confirmed', 'conflict', 'cancelled']),
  required_skills: z.array(z.string()),
});

const equipmentResourceSchema = z.object({
  id: z.string(),
  type: z.literal('equipment'),
  name: z.string().nullable(),
  category: z.string().nullable(),
  subcategory: z.string().nullable(),
  status: z.enum(['booked', 'conflict', 'cancelled']),
  role: z.string().nullable(),
  quantity: z.number().int(),
});

const resourceSchema = z.union([technicianResourceSchema, equipmentResourceSchema]);

export const shiftDetailSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(shiftStatuses),
    event_id: z.string(),
    call_time: offsetInstant,
    start_time: offsetInstant,
    end_time: offsetInstant,
    break_times: z.array(z.object({ start: offsetInstant, end: offsetInstant, mandatory: z.boolean() })),
    priority: z.enum(shiftPriorities),
    resources: z.array(resourceSchema),
    economic_value: shiftEconomicValueSchema,
    metadata: z.object({
      technical_rider: technicalSheet,
      stage_plot: technicalSheet,
      cable_plan: technicalSheet,
      checklist: z.array(z.string()).describe('As sent; empty when none was'),
    }),
    conflicts: z.array(shiftConflictSchema),
    suggested_actions: z.array(suggestedActionSchema).optional(),
    qrcode: z.null().describe('Null in this answer: GET /v1/shifts/{id} gives the check-in links'),
    conflict_policy: z.enum(conflictPolicies),
    version: z.number().int().describe('Also the ETag; send it back (version or If-Match) to change the shift'),
    created_at: utcInstant,
    updated_at: utcInstant,
    cancelled_at: utcInstant.nullable(),
  })
  .meta({ id: 'Shift' });

export const updatedShiftSchema = shiftDetailSchema.extend({ warnings: z.array(warningSchema) }).meta({ id: 'UpdatedShift' });

export const shiftPageSchema = z
  .object({
    count: z.number().int().describe('Results in this page'),
    results: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: z.enum(shiftStatuses),
        event_id: z.string(),
        call_time: offsetInstant,
        start_time: offsetInstant,
        end_time: offsetInstant,
        priority: z.enum(shiftPriorities),
        resources: z.array(z.object({ id: z.string(), type: z.enum(['technician', 'equipment']), role: z.string().nullable(), status: z.string(), quantity: z.number().int().optional() })),
        version: z.number().int(),
      }),
    ),
    next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'ShiftPage' });

// ---------------------------------------------------------------------------------------------
// QR check-in (docs/shifts.md, "QR check-in").

const checkinUrl = z.string().describe('`<app>/checkin?shift_id=<id>&token=<token>`: opens the mobile app, which posts the token to POST /v1/shifts/{id}/checkin');
const checkoutUrl = z.string().describe('`<app>/checkout?shift_id=<id>&token=<token>`: the same for POST /v1/shifts/{id}/checkout');

export const shiftQrcodeSchema = z
  .object({ checkin_url: checkinUrl, checkout_url: checkoutUrl })
  .describe("The caller's own links, when they are a technician of the shift (null otherwise, and for a cancelled shift or once the links expire, 12 h after its end). Signed, bound to the shift, the technician and the action")
  .meta({ id: 'ShiftQrcode' });

const actualSchema = z
  .object({
    check_in_time: offsetInstant.nullable(),
    check_out_time: offsetInstant.nullable(),
    hours: z.number().nullable().describe('Check-in to check-out, in hours; null until both are recorded'),
    economic_value: z
      .object({
        total_amount: z.number(),
        currency: z.string(),
        breakdown: breakdownSchema,
        hours: z.object({ paid: z.number(), night: z.number(), weekend: z.number(), overtime: z.number(), emergency: z.number() }),
        lines: z.array(costLineSchema),
      })
      .nullable()
      .describe('The financial engine over the actual times (mandatory breaks unpaid, current contract); null until checked out, or without a contract'),
  })
  .describe('What the check-in links recorded');

const plannedVersusActualSchema = z
  .object({
    currency: z.string(),
    technicians: z.array(
      z.object({
        technician_id: z.string(),
        planned: z.object({
          start_time: offsetInstant.describe('Call time'),
          end_time: offsetInstant,
          worked_hours: z.number().describe('Call to end, mandatory breaks out'),
          amount: z.number().nullable().describe("The engine's figures for this technician at planning (their lines of economic_value.computed); null without a contract"),
        }),
        actual: z.object({
          check_in_time: offsetInstant.nullable(),
          check_out_time: offsetInstant.nullable(),
          hours: z.number().nullable(),
          amount: z.number().nullable().describe('actual.economic_value.total_amount of the technician'),
        }),
        difference_hours: z.number().nullable().describe('Actual presence minus planned presence (call to end)'),
        difference_amount: z.number().nullable().describe('Actual minus planned amount; null until checked out'),
      }),
    ),
    settled: z
      .object({ technicians: z.number().int(), planned_amount: z.number(), actual_amount: z.number(), difference_amount: z.number() })
      .describe('Totals over the technicians with both a planned and an actual amount'),
  })
  .meta({ id: 'ShiftPlannedVersusActual' });

export const shiftWithAttendanceSchema = shiftDetailSchema
  .extend({
    resources: z.array(z.union([technicianResourceSchema.extend({ actual: actualSchema }), equipmentResourceSchema])),
    qrcode: shiftQrcodeSchema.nullable(),
    qrcodes: z
      .array(z.object({ technician_id: z.string(), checkin_url: checkinUrl, checkout_url: checkoutUrl }))
      .optional()
      .describe("Planners only: every technician's links, to print or show at the venue (empty once they expire)"),
    planned_versus_actual: plannedVersusActualSchema,
  })
  .meta({ id: 'ShiftWithAttendance' });

export const checkinResultSchema = z
  .object({
    shift_id: z.string(),
    technician_id: z.string(),
    action: z.enum(['checkin', 'checkout']),
    check_in_time: offsetInstant.nullable(),
    check_out_time: offsetInstant.nullable(),
    hours: z.number().nullable().describe('Check-in to check-out, once both are recorded'),
    already_recorded: z.boolean().describe('True when an earlier call recorded this time: nothing changed'),
  })
  .meta({ id: 'CheckinResult' });
