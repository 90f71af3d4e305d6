/**
 * PlanningHub production-event responses: for the OpenAPI document only (the views in
 * shared/views/planninghub-events.ts build them). Apart from the request schemas so that handlers
 * do not build them at cold start.
 */
import * as z from 'zod';
import { productionStatuses } from '../domain/production.ts';
// A zod/mini schema (the request one), hence `.check(z.describe())` where a classic one has `.describe()`.
import { technicalRequirementsSchema } from './planninghub-events.ts';

const technicalContactView = z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() });

export const productionEventSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    start_date: z.string().describe('Local date in `timezone`'),
    end_date: z.string().describe('Local date in `timezone`, inclusive'),
    timezone: z.string(),
    status: z.enum(productionStatuses),
    venue: z
      .object({ name: z.string(), address: z.string().nullable(), capacity: z.number().int().nullable(), technical_contact: technicalContactView.nullable() })
      .nullable(),
    technical_requirements: technicalRequirementsSchema.check(z.describe('What was stored; `{}` when nothing was')),
    budget: z
      .object({
        total: z.number(),
        breakdown: z.record(z.string(), z.number()),
        consumed: z.record(z.string(), z.number()).optional().describe("Euros charged per line by the event's shifts; present once the event has had a shift"),
      })
      .nullable(),
    slug: z.string().describe('The public EventLite page is /e/{slug}'),
    created_at: z.string(),
    updated_at: z.string(),
    organizer_id: z.string(),
  })
  .meta({ id: 'ProductionEvent' });

export const productionEventDetailSchema = productionEventSchema
  .extend({ next_steps: z.array(z.string()).describe('What is left to plan, in French unless Accept-Language: en') })
  .meta({ id: 'ProductionEventDetail' });

export const createdProductionEventSchema = z
  .object({
    id: z.string(),
    status: z.enum(productionStatuses),
    technical_requirements: technicalRequirementsSchema,
    next_steps: z.array(z.string()),
  })
  .meta({ id: 'CreatedProductionEvent' });

export const productionEventPageSchema = z
  .object({
    count: z.number().int().describe('Number of results in this page'),
    results: z.array(productionEventSchema),
    next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'ProductionEventPage' });
