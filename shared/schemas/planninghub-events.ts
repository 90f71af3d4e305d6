/**
 * PlanningHub production events (seed 000, "Events"): request and response schemas in the
 * spec's snake_case, and the mapping of request bodies onto the domain's inputs. Strict objects
 * everywhere: an unknown field is a 400, and nothing a client sends can set the organiser, the
 * organisation, the slug or the counters.
 */
import * as z from 'zod';
import { isValidTimeZone, parseLocalDate } from '../domain/time/zoned.ts';
import { productionStatuses, type NewProductionInput, type ProductionPatch } from '../domain/production.ts';
import type { Budget, TechnicalContact, TechnicalRequirements, Venue } from '../domain/event.ts';

/** Years outside this range are surely typos, and would not sort as four-digit ISO strings. */
const localDate = z.iso
  .date()
  .refine((date) => {
    // A malformed date is already reported by the format check; one issue per field is enough.
    const parts = parseLocalDate(date);
    return parts === null || (parts.year >= 1900 && parts.year <= 2999);
  }, { message: 'Year out of range (1900-2999)' })
  .describe('Local date `YYYY-MM-DD` in the event time zone');
const timeZone = z.string().max(64).refine(isValidTimeZone, { message: 'Unknown IANA time zone' });
const shortText = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().min(0).max(100_000);
const amount = z.number().min(0).max(1_000_000_000_000).describe('Euros, to the cent');
const budgetLine = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, { message: 'A budget line is lower-case letters, digits and _' });

const technicalContactSchema = z.strictObject({
  name: shortText(200),
  email: z.email().max(254).nullable().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 .()-]{6,25}$/, { message: 'Invalid phone number' })
    .nullable()
    .optional(),
});

// name (200) + ", " + address (298) fits EventLite's 500-character location.
const venueSchema = z
  .strictObject({
    name: shortText(200),
    address: z.string().trim().max(298).nullable().optional(),
    capacity: z.number().int().min(1).max(1_000_000).nullable().optional().describe("The venue's capacity (not the registration capacity)"),
    technical_contact: technicalContactSchema.nullable().optional(),
  })
  .meta({ id: 'ProductionVenue' });

export const technicalRequirementsSchema = z
  .strictObject({
    sound: z
      .strictObject({
        main_system: shortText(200).optional(),
        monitors: count.optional(),
        mixing_consoles: z.array(shortText(200)).max(50).optional(),
      })
      .optional(),
    lighting: z
      .strictObject({
        moving_lights: count.optional(),
        led_pars: count.optional(),
        lighting_desks: z.array(shortText(200)).max(50).optional(),
      })
      .optional(),
    power: z
      .strictObject({
        total_power_needed: z.number().min(0).max(1_000_000).optional().describe('kW'),
        distros_required: count.optional(),
      })
      .optional(),
  })
  .meta({ id: 'ProductionTechnicalRequirements' });

const budgetSchema = z
  .strictObject({
    total: amount,
    breakdown: z
      .record(budgetLine, amount)
      .refine((lines) => Object.keys(lines).length <= 50, { message: 'At most 50 budget lines' })
      .optional()
      .describe('Amount per budget line; the lines may not add up to more than the total'),
  })
  .meta({ id: 'ProductionBudget' });

const fields = {
  name: z.string().trim().min(3).max(100).describe('The EventLite title'),
  description: z.string().max(5000).nullable(),
  start_date: localDate,
  end_date: localDate.describe('Local date, on or after start_date (inclusive)'),
  timezone: timeZone.describe('IANA time zone of the dates; defaults to Europe/Paris'),
  venue: venueSchema.nullable(),
  technical_requirements: technicalRequirementsSchema.nullable(),
  budget: budgetSchema.nullable(),
};

export const createProductionEventBody = z
  .strictObject({
    name: fields.name,
    description: fields.description.optional(),
    start_date: fields.start_date,
    end_date: fields.end_date,
    timezone: fields.timezone.optional(),
    venue: fields.venue.optional(),
    technical_requirements: fields.technical_requirements.optional(),
    budget: fields.budget.optional(),
  })
  .meta({ id: 'CreateProductionEventInput' });
export type CreateProductionEventBody = z.infer<typeof createProductionEventBody>;

export const updateProductionEventBody = z
  .strictObject({
    name: fields.name.optional(),
    description: fields.description.optional(),
    start_date: fields.start_date.optional(),
    end_date: fields.end_date.optional(),
    timezone: fields.timezone.optional(),
    status: z.enum(productionStatuses).optional().describe('planning, published, closed or cancelled (cancelled is final)'),
    venue: fields.venue.optional(),
    technical_requirements: fields.technical_requirements.optional(),
    budget: fields.budget.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'At least one field must be sent' })
  .meta({ id: 'UpdateProductionEventInput' });
export type UpdateProductionEventBody = z.infer<typeof updateProductionEventBody>;

export const listProductionEventsQuery = z
  .strictObject({
    status: z.enum(productionStatuses).optional(),
    from: localDate.optional().describe('Events still running on or after this local date'),
    to: localDate.optional().describe('Events starting on or before this local date'),
    q: z.string().trim().max(100).optional().describe('Words of the name; case and accents ignored'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z
      .string()
      .max(1024)
      .regex(/^[A-Za-z0-9_-]+$/, { message: 'Invalid cursor' })
      .optional()
      .describe('next_cursor of the previous page, as is'),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    message: 'to must be on or after from',
    path: ['to'],
  });
export type ListProductionEventsQuery = z.infer<typeof listProductionEventsQuery>;

export const productionEventIdParams = z.strictObject({
  id: z.string().min(1).max(200).describe('Event id'),
});

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
