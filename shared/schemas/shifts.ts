/**
 * PlanningHub shifts (docs/api-planninghub.md, "Shifts"): request schemas in the spec's snake_case, in `zod/mini`
 * (docs/schemas.md), and their mapping onto the domain's draft. Strict objects: an unknown field is
 * a 400 naming it. Instants are plain strings here and parsed by the domain (parseShiftTimes), so
 * that a malformed or reversed one is the spec's 400 INVALID_TIME_RANGE naming the field. The
 * responses are in shifts-docs.ts (the manifest only). The path parameters and version check
 * (shift-params.ts), the list query (shift-list.ts) and the PATCH body (shift-update.ts) are
 * modules of their own so that a function builds only the schemas it parses: zod/mini builds a
 * schema when its module is evaluated, at cold start (docs/bench.md).
 */
import { DOCUMENT_ID_PATTERN } from '../domain/document.ts';
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { boundedId, storableNumber } from './primitives.ts';
import { DomainError, fieldDetail } from '../domain/errors.ts';
import {
  conflictPolicies,
  shiftPriorities,
  type ClientEconomicValue,
  type DraftResource,
  type ShiftMetadata,
} from '../domain/shift.ts';
import { skillNames } from '../domain/technician.ts';

/** Ids become parts of keys: letters, digits, `_` and `-` only. */
const instant = z.string().check(z.minLength(1), z.maxLength(64), z.describe('RFC 3339 instant, e.g. `2024-02-15T20:00:00+01:00`; without an offset it is UTC'));
const shortText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const role = shortText(100).check(z.describe('What the resource does on this shift, e.g. foh_engineer, mixing_console'));
const isCents = (amount: number) => Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6;
const amount = storableNumber().check(z.gte(0), z.lte(1_000_000_000), z.refine(isCents, fieldMessage('VALIDATION_ERROR.to_the_cent')), z.describe('Euros, to the cent'));
const budgetLine = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,49}$/, fieldMessage('VALIDATION_ERROR.budget_line')));
const link = z.url({ protocol: /^https?$/ }).check(z.maxLength(2048));

/** Resources per shift: one transaction writes them all, within DynamoDB's 100 items (docs/shifts.md). */
export const MAX_RESOURCES = 20;

const technicianResource = z.strictObject({
  id: boundedId().check(z.describe('The member, e.g. user_456')),
  type: z.literal('technician'),
  role: z.optional(role),
  required_skills: z.optional(
    z.array(z.enum(skillNames)).check(
      z.maxLength(skillNames.length),
      z.refine((skills) => new Set(skills).size === skills.length, fieldMessage('VALIDATION_ERROR.skill_repeated')),
      z.describe('Skills the technician must hold (422 SKILL_MISMATCH otherwise)'),
    ),
  ),
});

const equipmentResource = z.strictObject({
  id: boundedId().check(z.describe('The equipment, e.g. eq_101')),
  type: z.literal('equipment'),
  role: z.optional(role),
  quantity: z.optional(storableNumber().check(z.int(), z.gte(1), z.lte(1_000_000), z.describe('Units of a stock; 1 for a unit (default)'))),
});

const resource = z.discriminatedUnion('type', [technicianResource, equipmentResource]);

const breakTime = z.strictObject({
  start: instant,
  end: instant,
  mandatory: z.boolean().check(z.describe('Mandatory breaks release the technician and are not paid')),
});

const economicValue = z
  .strictObject({
    base_rate: z.optional(amount),
    equipment_rate: z.optional(amount),
    total_amount: z.optional(amount.check(z.describe('Must equal the sum of breakdown, to the cent'))),
    budget_line: z.optional(budgetLine.check(z.describe("The event's budget line charged (default: labor)"))),
    breakdown: z.optional(
      z.strictObject({
        labor_cost: z.optional(amount),
        equipment_cost: z.optional(amount),
        meal_allowance: z.optional(amount),
        transport_cost: z.optional(amount),
        overtime_cost: z.optional(amount),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'ShiftEconomicValueInput' });

// A technical sheet is a URL, or the id of a document of the shift's event (docs/documents.md).
const sheet = z.union([link, z.string().check(z.regex(DOCUMENT_ID_PATTERN))]).check(z.describe('An http(s) URL, or a document id of the event (`doc_...`, resolved by GET /v1/shifts/{id})'));
const metadata = z.strictObject({
  technical_rider: z.optional(z.nullable(sheet)),
  stage_plot: z.optional(z.nullable(sheet)),
  cable_plan: z.optional(z.nullable(sheet)),
  checklist: z.optional(z.array(shortText(500)).check(z.maxLength(100))),
});

/** The fields of a shift's body, shared with the PATCH schema (shift-update.ts). */
export const fields = {
  title: shortText(200),
  event_id: boundedId().check(z.describe('An event of the organisation, e.g. event_456')),
  start_time: instant,
  end_time: instant,
  call_time: instant.check(z.describe('When the crew is called (default: start_time); resources are held from then')),
  break_times: z.array(breakTime).check(z.maxLength(10)),
  resources: z.array(resource).check(z.minLength(1), z.maxLength(MAX_RESOURCES)),
  economic_value: economicValue,
  priority: z.enum(shiftPriorities),
  metadata,
  conflict_policy: z.enum(conflictPolicies).check(z.describe('`reject` (default): 409 on a conflict; `flag`: the shift is created `pending` with its conflicts')),
};

export const createShiftBody = z
  .strictObject({
    title: fields.title,
    event_id: fields.event_id,
    start_time: fields.start_time,
    end_time: fields.end_time,
    call_time: z.optional(fields.call_time),
    break_times: z.optional(fields.break_times),
    resources: fields.resources,
    economic_value: z.optional(fields.economic_value),
    priority: z.optional(fields.priority),
    metadata: z.optional(fields.metadata),
    conflict_policy: z.optional(fields.conflict_policy),
  })
  .register(z.globalRegistry, { id: 'CreateShiftInput' });
export type CreateShiftBody = z.infer<typeof createShiftBody>;




// ---------------------------------------------------------------------------------------------
// Onto the domain.

type WireResource = z.infer<typeof resource>;
type WireEconomicValue = z.infer<typeof economicValue>;
type WireMetadata = z.infer<typeof metadata>;

/** Each resource at most once: 400 VALIDATION_ERROR naming the repeated entry. */
export function toDraftResources(resources: readonly WireResource[]): DraftResource[] {
  const seen = new Set<string>();
  return resources.map((entry, i) => {
    const key = `${entry.type}#${entry.id}`;
    if (seen.has(key)) {
      throw DomainError.of('invalid', 'VALIDATION_ERROR.duplicate_resource', { params: { id: entry.id }, details: [
        fieldDetail(`resources.${i}.id`, 'VALIDATION_ERROR.resource_twice'),
      ] });
    }
    seen.add(key);
    return entry.type === 'technician'
      ? { type: 'technician', id: entry.id, role: entry.role ?? null, requiredSkills: [...(entry.required_skills ?? [])] }
      : { type: 'equipment', id: entry.id, role: entry.role ?? null, quantity: entry.quantity ?? 1 };
  });
}

export const toClientEconomicValue = (value: WireEconomicValue | null | undefined): ClientEconomicValue | null =>
  value
    ? {
        baseRate: value.base_rate ?? null,
        equipmentRate: value.equipment_rate ?? null,
        totalAmount: value.total_amount ?? null,
        budgetLine: value.budget_line ?? null,
        breakdown: value.breakdown ? Object.fromEntries(Object.entries(value.breakdown).filter(([, euros]) => euros !== undefined)) : null,
      }
    : null;

/** What was sent, and an empty checklist when none was (no invented tasks). */
export const toMetadata = (value: WireMetadata | undefined): ShiftMetadata => ({
  technicalRider: value?.technical_rider ?? null,
  stagePlot: value?.stage_plot ?? null,
  cablePlan: value?.cable_plan ?? null,
  checklist: [...(value?.checklist ?? [])],
});

