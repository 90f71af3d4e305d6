/** PlanningHub routes, equipment area: the equipment catalogue, its availability and bookings (`/v1/equipment`). Defaults in ./common.ts. */
import { bookedEquipmentSchema, bookingSchema, equipmentAvailabilitySchema, equipmentPageSchema, equipmentSchema } from '../../../shared/schemas/equipment-docs.ts';
import { createEquipmentBody, updateEquipmentBody } from '../../../shared/schemas/equipment.ts';
import { equipmentAvailabilityQuery, equipmentWindowQuery, listEquipmentQuery } from '../../../shared/schemas/equipment-queries.ts';
import { bookingIdParams, equipmentIdParams } from '../../../shared/schemas/equipment-params.ts';
import { bookEquipmentBody } from '../../../shared/schemas/equipment-booking.ts';
import { errorDoc, planningHubRoutes } from './common.ts';

const noSuchEquipment = errorDoc('No such equipment in this organisation');
const noSuchBooking = errorDoc('No such booking in this organisation');

export const equipmentRoutes = planningHubRoutes({ tag: 'PlanningHub: equipment' }, [
  {
    id: 'ListEquipment',
    method: 'GET',
    path: '/v1/equipment',
    docs: {
      summary: 'List equipment with its availability timeline over a window',
      description:
        "Filters: `category`, `subcategory`, the window `start_time`/`end_time` (RFC 3339; UTC without an offset; at most 31 days; default: the organisation's current day). Each item's `availability` is contiguous `available` / `booked` (with `event_id`) / `maintenance` segments covering the window, in the organisation's offset. Sorted by category, subcategory, id; cursor pagination beyond the spec: `limit` (1-50, default 20) and `cursor` = the previous page's `next_cursor`. `status=retired` lists retired items. See docs/equipment.md.",
      request: { query: listEquipmentQuery },
      responses: {
        200: { description: 'A page of equipment', schema: equipmentPageSchema },
        400: errorDoc('INVALID_TIME_RANGE (malformed, reversed or too long window), or invalid data'),
      },
    },
  },
  {
    id: 'CreateEquipment',
    method: 'POST',
    path: '/v1/equipment',
    docs: {
      summary: 'Add an item to the catalogue (admins)',
      description: '`kind: "unit"` for one physical item, `kind: "bulk"` with `quantity_total` for a stock. Maintenance dates are local dates.',
      request: { body: createEquipmentBody },
      responses: { 201: { description: 'Created', schema: equipmentSchema } },
    },
  },
  {
    id: 'GetEquipmentAvailability',
    method: 'GET',
    path: '/v1/equipment/availability',
    rateClass: 'critical',
    docs: {
      summary: 'Free and busy intervals of a selection of equipment over a window, with counts per subcategory',
      description:
        'The window (`start_time`, `end_time`) is required; the selection is `category` and/or `subcategory`, or `ids=eq_101,eq_102` (at most 100 items). Per item: `free` intervals (with the free quantity), `busy` bookings and maintenance, and `available` = free during the whole window. `summary`: per subcategory, `available` of `total` (units count one each, stocks their quantities).',
      request: { query: equipmentAvailabilityQuery },
      responses: {
        200: { description: 'Availability', schema: equipmentAvailabilitySchema },
        400: errorDoc('INVALID_TIME_RANGE, SELECTION_TOO_LARGE, or invalid data'),
      },
    },
  },
  {
    id: 'BookEquipment',
    method: 'POST',
    path: '/v1/equipment/book',
    rateClass: 'critical',
    docs: {
      summary: 'Book equipment for an event (stage managers, admins), never twice',
      description:
        'Half-open `[start_time, end_time)`, at most 7 days. Bulk items book a `quantity` of their stock. A MAINTENANCE_DUE warning when the next maintenance is 60 days or less after the start.',
      request: { body: bookEquipmentBody },
      responses: {
        201: { description: 'Booked', schema: bookedEquipmentSchema },
        400: errorDoc('INVALID_TIME_RANGE (malformed, end <= start, longer than 7 days), or invalid data'),
        404: errorDoc('No such equipment, event or technician in this organisation'),
        409: errorDoc('RESOURCE_CONFLICT (details name the colliding booking), EQUIPMENT_RETIRED, EVENT_CANCELLED, CONCURRENT_UPDATE'),
        422: errorDoc('MAINTENANCE_OVERDUE, SKILL_MISMATCH'),
      },
    },
  },
  {
    id: 'GetEquipmentBooking',
    method: 'GET',
    path: '/v1/equipment/bookings/{booking_id}',
    docs: {
      summary: 'An equipment booking, confirmed or cancelled',
      description:
        'The booking with its equipment, event, shift, technician, slot, quantity and status; a cancelled booking stays readable.',
      request: { params: bookingIdParams },
      responses: {
        200: { description: 'The booking', schema: bookingSchema },
        404: noSuchBooking,
      },
    },
  },
  {
    id: 'CancelEquipmentBooking',
    method: 'DELETE',
    path: '/v1/equipment/bookings/{booking_id}',
    docs: {
      summary: 'Cancel an equipment booking and free its slot (stage managers, admins)',
      description: 'The booking stays readable with status `cancelled`; cancelling it again answers the same.',
      request: { params: bookingIdParams },
      responses: {
        200: { description: 'The cancelled booking', schema: bookingSchema },
        404: noSuchBooking,
      },
    },
  },
  {
    id: 'GetEquipment',
    method: 'GET',
    path: '/v1/equipment/{id}',
    docs: {
      summary: 'One item, with its availability timeline over a window',
      description: "Same item shape as GET /v1/equipment; retired items too. Window as there (default: the organisation's current day).",
      request: { params: equipmentIdParams, query: equipmentWindowQuery },
      responses: {
        200: { description: 'The item', schema: equipmentSchema },
        404: noSuchEquipment,
      },
    },
  },
  {
    id: 'UpdateEquipment',
    method: 'PATCH',
    path: '/v1/equipment/{id}',
    docs: {
      summary: 'Update an item (admins); only the fields sent change',
      description: '`kind` cannot change. Lowering a stock below what is booked at some moment from now on is a 409 RESOURCE_CONFLICT.',
      request: { params: equipmentIdParams, body: updateEquipmentBody },
      responses: {
        200: { description: 'The updated item', schema: equipmentSchema },
        404: noSuchEquipment,
        409: errorDoc('RESOURCE_CONFLICT (stock in use), CONCURRENT_UPDATE'),
      },
    },
  },
  {
    id: 'RetireEquipment',
    method: 'DELETE',
    path: '/v1/equipment/{id}',
    docs: {
      summary: 'Retire an item (admins): soft, keeps its history, refuses new bookings',
      description: 'Its bookings stay as they are (cancel them one by one if needed). Retiring a retired item answers the same.',
      request: { params: equipmentIdParams },
      responses: {
        200: { description: 'The retired item', schema: equipmentSchema },
        404: noSuchEquipment,
      },
    },
  },
]);
