/**
 * PlanningHub production events (docs/api-planninghub.md, "Events"): request schemas in the spec's snake_case,
 * and the mapping of request bodies onto the domain's inputs. Strict objects everywhere: an
 * unknown field is a 400, and nothing a client sends can set the organiser, the organisation, the
 * slug or the counters. In `zod/mini` for the cold start (docs/schemas.md); the responses are in
 * planninghub-events-docs.ts.
 */
import * as z from 'zod/mini';
import { fieldMessage, fieldTemplate } from './field-messages.ts';
import { acceptedLocalDate, storableNumber } from './primitives.ts';
import { isValidTimeZone } from '../domain/time/local-date.ts';
import { productionStatuses, type NewProductionInput, type ProductionPatch } from '../domain/production.ts';
import type { Budget, TechnicalContact, TechnicalRequirements, Venue } from '../domain/event.ts';

/** Years outside this range are surely typos, and would not sort as four-digit ISO strings. */
const localDate = acceptedLocalDate().check(
  z.describe('Local date `YYYY-MM-DD` in the event time zone'),
);
const timeZone = z.string().check(z.maxLength(64), z.refine(isValidTimeZone, fieldMessage('VALIDATION_ERROR.time_zone')));
const shortText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const count = storableNumber().check(z.int(), z.gte(0), z.lte(100_000));
const amount = storableNumber().check(z.gte(0), z.lte(1_000_000_000_000), z.describe('Euros, to the cent'));
const MAX_BUDGET_LINES = 50;
const budgetLine = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,49}$/, fieldMessage('VALIDATION_ERROR.budget_line')));

const technicalContactSchema = z.strictObject({
  name: shortText(200),
  email: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
  phone: z.optional(z.nullable(z.string().check(z.regex(/^\+?[0-9 .()-]{6,25}$/, fieldMessage('VALIDATION_ERROR.phone'))))),
});

// name (200) + ", " + address (298) fits EventLite's 500-character location.
const venueSchema = z
  .strictObject({
    name: shortText(200),
    address: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(298)))),
    capacity: z
      .optional(z.nullable(storableNumber().check(z.int(), z.gte(1), z.lte(1_000_000))))
      .check(z.describe("The venue's capacity (not the registration capacity)")),
    technical_contact: z.optional(z.nullable(technicalContactSchema)),
  })
  .register(z.globalRegistry, { id: 'ProductionVenue' });

export const technicalRequirementsSchema = z
  .strictObject({
    sound: z.optional(
      z.strictObject({
        main_system: z.optional(shortText(200)),
        monitors: z.optional(count),
        mixing_consoles: z.optional(z.array(shortText(200)).check(z.maxLength(50))),
      }),
    ),
    lighting: z.optional(
      z.strictObject({
        moving_lights: z.optional(count),
        led_pars: z.optional(count),
        lighting_desks: z.optional(z.array(shortText(200)).check(z.maxLength(50))),
      }),
    ),
    power: z.optional(
      z.strictObject({
        total_power_needed: z.optional(storableNumber().check(z.gte(0), z.lte(1_000_000))).check(z.describe('kW')),
        distros_required: z.optional(count),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'ProductionTechnicalRequirements' });

const budgetSchema = z
  .strictObject({
    total: amount,
    breakdown: z
      .optional(z.record(budgetLine, amount).check(z.refine((lines) => Object.keys(lines).length <= MAX_BUDGET_LINES, fieldTemplate('VALIDATION_ERROR.too_many_budget_lines', { max: MAX_BUDGET_LINES }))))
      .check(z.describe('Amount per budget line; the lines may not add up to more than the total')),
  })
  .register(z.globalRegistry, { id: 'ProductionBudget' });

const fields = {
  name: z.string().check(z.trim(), z.minLength(3), z.maxLength(100), z.describe('The EventLite title')),
  description: z.nullable(z.string().check(z.maxLength(5000))),
  start_date: localDate,
  end_date: localDate.check(z.describe('Local date, on or after start_date (inclusive)')),
  timezone: timeZone.check(z.describe('IANA time zone of the dates; defaults to Europe/Paris')),
  venue: z.nullable(venueSchema),
  technical_requirements: z.nullable(technicalRequirementsSchema),
  budget: z.nullable(budgetSchema),
};

export const createProductionEventBody = z
  .strictObject({
    name: fields.name,
    description: z.optional(fields.description),
    start_date: fields.start_date,
    end_date: fields.end_date,
    timezone: z.optional(fields.timezone),
    venue: z.optional(fields.venue),
    technical_requirements: z.optional(fields.technical_requirements),
    budget: z.optional(fields.budget),
  })
  .register(z.globalRegistry, { id: 'CreateProductionEventInput' });
export type CreateProductionEventBody = z.infer<typeof createProductionEventBody>;

export const updateProductionEventBody = z
  .strictObject({
    name: z.optional(fields.name),
    description: z.optional(fields.description),
    start_date: z.optional(fields.start_date),
    end_date: z.optional(fields.end_date),
    timezone: z.optional(fields.timezone),
    status: z.optional(z.enum(productionStatuses)).check(z.describe('planning, published, closed or cancelled (cancelled is final)')),
    venue: z.optional(fields.venue),
    technical_requirements: z.optional(fields.technical_requirements),
    budget: z.optional(fields.budget),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, fieldMessage('VALIDATION_ERROR.empty_body')))
  .register(z.globalRegistry, { id: 'UpdateProductionEventInput' });
export type UpdateProductionEventBody = z.infer<typeof updateProductionEventBody>;

// GET /v1/events' query: in planninghub-event-list.ts, so that ListProductionEvents does not
// bundle nor build the bodies' schemas (docs/bench.md).
export { listProductionEventsQuery, type ListProductionEventsQuery } from './planninghub-event-list.ts';

// The path parameter: in planninghub-event-params.ts, so that the functions reading an event by id
// do not bundle nor build the bodies' schemas (docs/bench.md).
export { productionEventIdParams } from './planninghub-event-params.ts';

// ---------------------------------------------------------------------------------------------
// Request bodies onto the domain (snake_case on the wire, camelCase in the store).

type WireVenue = z.infer<typeof venueSchema>;
type WireRequirements = z.infer<typeof technicalRequirementsSchema>;
type WireBudget = z.infer<typeof budgetSchema>;

/** Drops absent fields so that the stored maps hold only what the client sent. */
function defined<T extends Record<string, unknown>>(object: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function toTechnicalContact(contact: NonNullable<WireVenue['technical_contact']>): TechnicalContact {
  return { name: contact.name, email: contact.email ?? null, phone: contact.phone ?? null };
}

export function toVenue(venue: WireVenue): Venue {
  return {
    name: venue.name,
    address: venue.address || null,
    capacity: venue.capacity ?? null,
    technicalContact: venue.technical_contact ? toTechnicalContact(venue.technical_contact) : null,
  };
}

export function toTechnicalRequirements(requirements: WireRequirements): TechnicalRequirements {
  const { sound, lighting, power } = requirements;
  return defined({
    sound: sound && defined({ mainSystem: sound.main_system, monitors: sound.monitors, mixingConsoles: sound.mixing_consoles }),
    lighting: lighting && defined({ movingLights: lighting.moving_lights, ledPars: lighting.led_pars, lightingDesks: lighting.lighting_desks }),
    power: power && defined({ totalPowerNeeded: power.total_power_needed, distrosRequired: power.distros_required }),
  });
}

export const toBudget = (budget: WireBudget): Budget => ({ total: budget.total, breakdown: { ...budget.breakdown } });

const mapNullable = <T, R>(value: T | null | undefined, map: (value: T) => R): R | null | undefined =>
  value === undefined ? undefined : value === null ? null : map(value);

export function toNewProductionInput(body: CreateProductionEventBody): NewProductionInput {
  return {
    name: body.name,
    description: body.description ?? null,
    startDate: body.start_date,
    endDate: body.end_date,
    timezone: body.timezone,
    venue: mapNullable(body.venue, toVenue) ?? null,
    technicalRequirements: mapNullable(body.technical_requirements, toTechnicalRequirements) ?? null,
    budget: mapNullable(body.budget, toBudget) ?? null,
  };
}

export function toProductionPatch(body: UpdateProductionEventBody): ProductionPatch {
  return defined({
    name: body.name,
    description: body.description,
    startDate: body.start_date,
    endDate: body.end_date,
    timezone: body.timezone,
    status: body.status,
    venue: mapNullable(body.venue, toVenue),
    technicalRequirements: mapNullable(body.technical_requirements, toTechnicalRequirements),
    budget: mapNullable(body.budget, toBudget),
  });
}
