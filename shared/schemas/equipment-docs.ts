/**
 * PlanningHub equipment responses: for the route manifest's documentation only (the views in
 * shared/views/equipment.ts build them). Apart from the request schemas so that handlers do not
 * build them at cold start.
 */
import * as z from 'zod';
import { equipmentKinds, equipmentStatuses, bookingStatuses } from '../domain/equipment.ts';

const offsetInstant = z.string().describe("RFC 3339 with the organisation's offset, e.g. 2024-02-15T20:00:00+01:00");
const utcInstant = z.string().describe('RFC 3339, UTC');
const segmentStatus = z.enum(['available', 'booked', 'maintenance', 'retired']);

const segmentSchema = z
  .object({
    start_time: offsetInstant,
    end_time: offsetInstant,
    status: segmentStatus,
    event_id: z.string().nullable().optional().describe('Booked segments (a stock: when all its bookings there share one event)'),
    booking_id: z.string().nullable().optional().describe('Booked segments of a unit'),
    available_quantity: z.number().int().optional().describe('Stocks: how many are free during the segment'),
    booked_quantity: z.number().int().optional().describe('Stocks: how many are booked during the segment'),
    bookings: z
      .array(z.object({ booking_id: z.string().nullable(), event_id: z.string().nullable(), quantity: z.number().int() }))
      .optional()
      .describe('Stocks: the bookings sharing the segment'),
  })
  .meta({ id: 'EquipmentAvailabilitySegment' });

export const equipmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    category: z.string(),
    subcategory: z.string(),
    availability: z
      .array(segmentSchema)
      .describe(
        "Contiguous segments covering the window (default: the organisation's current day). A unit's booked segment shows its booking's whole interval, so the first and last may reach outside the window.",
      ),
    specifications: z.record(z.string(), z.unknown()),
    maintenance: z.object({ last_maintenance_date: z.string().nullable(), next_maintenance_date: z.string().nullable() }),
    kind: z.enum(equipmentKinds),
    quantity_total: z.number().int(),
    required_certifications: z.array(z.string()),
    daily_rate: z.number().nullable(),
    status: z.enum(equipmentStatuses),
    created_at: utcInstant,
    updated_at: utcInstant,
    retired_at: utcInstant.nullable(),
  })
  .meta({ id: 'Equipment' });

export const equipmentPageSchema = z
  .object({
    count: z.number().int().describe('Number of results in this page'),
    results: z.array(equipmentSchema),
    next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'EquipmentPage' });

export const equipmentAvailabilitySchema = z
  .object({
    start_time: offsetInstant,
    end_time: offsetInstant,
    count: z.number().int(),
    results: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        category: z.string(),
        subcategory: z.string(),
        kind: z.enum(equipmentKinds),
        status: z.enum(equipmentStatuses),
        total: z.number().int().describe('1 for a unit, the stock for a bulk item'),
        available: z.number().int().describe('How many are free during the whole window'),
        free: z.array(z.object({ start_time: offsetInstant, end_time: offsetInstant, quantity: z.number().int() })),
        busy: z.array(
          z.object({
            start_time: offsetInstant,
            end_time: offsetInstant,
            status: z.enum(['booked', 'maintenance', 'retired']),
            booking_id: z.string().nullable().optional(),
            event_id: z.string().nullable().optional(),
            quantity: z.number().int().optional(),
          }),
        ),
      }),
    ),
    summary: z
      .array(z.object({ category: z.string(), subcategory: z.string(), available: z.number().int(), total: z.number().int() }))
      .describe('Per subcategory: free during the whole window out of the stock ("12 of 40 available")'),
    not_found: z.array(z.string()).describe('Requested ids that are not items of the organisation'),
  })
  .meta({ id: 'EquipmentAvailability' });

const warningSchema = z.object({ code: z.literal('MAINTENANCE_DUE'), message: z.string(), severity: z.literal('low') });

export const bookedEquipmentSchema = z
  .object({
    booking_id: z.string(),
    equipment_id: z.string(),
    status: z.literal('confirmed'),
    conflicts: z.array(z.unknown()).describe('Always empty: a conflict is a 409'),
    warnings: z.array(warningSchema),
  })
  .meta({ id: 'EquipmentBooked' });

export const bookingSchema = z
  .object({
    booking_id: z.string(),
    equipment_id: z.string(),
    event_id: z.string(),
    shift_id: z.string().nullable(),
    technician_id: z.string().nullable(),
    start_time: utcInstant,
    end_time: utcInstant,
    quantity: z.number().int(),
    status: z.enum(bookingStatuses),
    created_at: utcInstant,
    created_by: z.string(),
    cancelled_at: utcInstant.nullable(),
    cancelled_by: z.string().nullable(),
  })
  .meta({ id: 'EquipmentBooking' });
