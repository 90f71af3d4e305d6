/** PlanningHub routes, shifts area: shifts and QR check-in/out (`/v1/shifts`); the whole area is in the critical rate class. Defaults in ./common.ts. */
import { checkinBody } from '../../../shared/schemas/checkin.ts';
import { checkinResultSchema, createdShiftSchema, shiftDetailSchema, shiftPageSchema, shiftWithAttendanceSchema, updatedShiftSchema } from '../../../shared/schemas/shifts-docs.ts';
import { createShiftBody } from '../../../shared/schemas/shifts.ts';
import { shiftIdParams } from '../../../shared/schemas/shift-params.ts';
import { listShiftsQuery } from '../../../shared/schemas/shift-list.ts';
import { updateShiftBody } from '../../../shared/schemas/shift-update.ts';
import { errorDoc, planningHubRoutes } from './common.ts';

const noSuchShift = errorDoc('No such shift in this organisation');
const checkinRefused = errorDoc('INVALID_CHECKIN_TOKEN (details.reason: malformed, unknown_key, bad_signature, expired, wrong_shift, wrong_technician, wrong_action), NOT_ON_SHIFT, or not a member');

export const shiftRoutes = planningHubRoutes({ tag: 'PlanningHub: shifts', rateClass: 'critical' }, [
  {
    id: 'CreateShift',
    method: 'POST',
    path: '/v1/shifts',
    docs: {
      summary: 'Create a shift with its technicians and equipment (stage managers, admins)',
      description:
        'Every resource is held over [call_time, end_time) in one transaction, or none. A resource already taken is a 409 RESOURCE_CONFLICT with `conflict_with` and `suggested_actions` (reschedule, alternative technicians); with `conflict_policy: "flag"` the shift is created `pending` instead, holding only its free resources. Labour law (IDCC 2717 by default): 422 LABOR_LAW_VIOLATION; near misses and same-day shifts are warnings. The cost is computed from the contracts and equipment rates; a client `economic_value` must add up. See docs/shifts.md.',
      request: { body: createShiftBody },
      responses: {
        201: { description: 'Created (confirmed, or pending with its conflicts)', schema: createdShiftSchema },
        400: errorDoc('INVALID_TIME_RANGE (malformed or reversed times, call_time after start_time, breaks outside the shift, over 24 h), VALIDATION_ERROR (economic_value.total_amount, resources), TRANSACTION_TOO_LARGE'),
        404: errorDoc('No such event, technician (member) or equipment in this organisation'),
        409: errorDoc('RESOURCE_CONFLICT (details: conflict_with, suggested_actions), EVENT_CANCELLED, EQUIPMENT_RETIRED, CONCURRENT_UPDATE'),
        422: errorDoc('SKILL_MISMATCH, LABOR_LAW_VIOLATION (details: rule, limit, actual, source, technician_id), MAINTENANCE_OVERDUE'),
      },
    },
  },
  {
    id: 'ListShifts',
    method: 'GET',
    path: '/v1/shifts',
    docs: {
      summary: 'List shifts by event, technician, role and dates; `mine=true` for the caller\'s own',
      description:
        'Sorted by start. Technicians list their own shifts only (`mine=true`); planners any. `from`/`to` are local dates of the start. Cancelled shifts only with `status=cancelled`. Cursor pagination: `limit` (1-100, default 20), `cursor` = the previous `next_cursor`; a page may hold fewer results while `next_cursor` is not null.',
      request: { query: listShiftsQuery },
      responses: { 200: { description: 'A page of shifts (weak ETag of its content)', schema: shiftPageSchema }, 304: { description: 'If-None-Match names this page as it still is' } },
    },
  },
  {
    id: 'GetShift',
    method: 'GET',
    path: '/v1/shifts/{id}',
    usesCheckinSecret: true,
    // Technical sheets that are documents come with a presigned download (docs/documents.md).
    access: { table: 'read', buckets: { riders: 'read' } },
    docs: {
      summary: 'A shift with its resources, costs, technical sheets and conflicts (planners, or its technicians)',
      description:
        "`qrcode`: the caller's own check-in/check-out links when they are a technician of the shift (null otherwise); planners also get `qrcodes`, every technician's. Each technician's `actual` times and cost, and `planned_versus_actual`. The ETag header is the planning version (check-ins do not move it).",
      request: { params: shiftIdParams },
      responses: {
        200: { description: 'The shift', schema: shiftWithAttendanceSchema },
        304: { description: 'If-None-Match names the current planning version' },
        404: noSuchShift,
      },
    },
  },
  {
    id: 'UpdateShift',
    method: 'PATCH',
    path: '/v1/shifts/{id}',
    docs: {
      summary: 'Change a shift (stage managers, admins); every check runs again',
      description:
        'Optimistic concurrency: `version` in the body or `If-Match: "<version>"` (428 without either, 412 PRECONDITION_FAILED when stale). Fields sent replace; `start_time` alone moves the whole shift. Old and new allocations change in one transaction. `status: "cancelled"` cancels; `status: "confirmed"` asks for every resource now (409 if one is still taken).',
      request: { params: shiftIdParams, body: updateShiftBody },
      responses: {
        200: { description: 'The changed shift, with warnings', schema: updatedShiftSchema },
        404: errorDoc('No such shift, or a resource unknown'),
        409: errorDoc('RESOURCE_CONFLICT, SHIFT_CANCELLED, EVENT_CANCELLED, EQUIPMENT_RETIRED, CONCURRENT_UPDATE'),
        412: errorDoc('PRECONDITION_FAILED: the shift changed since that version'),
        422: errorDoc('SKILL_MISMATCH, LABOR_LAW_VIOLATION, MAINTENANCE_OVERDUE'),
        428: errorDoc('PRECONDITION_REQUIRED: send version or If-Match'),
      },
    },
  },
  {
    id: 'CancelShift',
    method: 'DELETE',
    path: '/v1/shifts/{id}',
    docs: {
      summary: 'Cancel a shift and free its resources at once (stage managers, admins)',
      description: 'The shift stays readable with status `cancelled`; its amount leaves its budget line. `If-Match` is honoured when sent. Cancelling again answers the same.',
      request: { params: shiftIdParams },
      responses: {
        200: { description: 'The cancelled shift', schema: shiftDetailSchema },
        404: noSuchShift,
        412: errorDoc('PRECONDITION_FAILED (If-Match)'),
      },
    },
  },
  {
    id: 'CheckInShift',
    method: 'POST',
    path: '/v1/shifts/{id}/checkin',
    usesCheckinSecret: true,
    docs: {
      summary: 'Check in on a shift through its QR link (the technician the link was issued to)',
      description:
        "The body carries the `token` of the caller's `qrcode.checkin_url` (GET /v1/shifts/{id}). Accepted from 2 h before the call time to the end of the shift; the time is recorded once, to the second. See docs/shifts.md, section QR check-in.",
      request: { params: shiftIdParams, body: checkinBody },
      responses: {
        200: { description: 'Recorded, or already recorded by an earlier call (`already_recorded: true`, the first time)', schema: checkinResultSchema },
        403: checkinRefused,
        404: noSuchShift,
        409: errorDoc('OUTSIDE_CHECKIN_WINDOW (details: opens_at, closes_at), SHIFT_CANCELLED'),
      },
    },
  },
  {
    id: 'CheckOutShift',
    method: 'POST',
    path: '/v1/shifts/{id}/checkout',
    usesCheckinSecret: true,
    docs: {
      summary: 'Check out of a shift through its QR link (the technician the link was issued to)',
      description:
        "The body carries the `token` of the caller's `qrcode.checkout_url`. Accepted after the check-in until 12 h after the end of the shift; the time is recorded once, to the second, and the actual hours feed the cost GET shows. See docs/shifts.md, section QR check-in.",
      request: { params: shiftIdParams, body: checkinBody },
      responses: {
        200: { description: 'Recorded, or already recorded by an earlier call (`already_recorded: true`, the first time)', schema: checkinResultSchema },
        403: checkinRefused,
        404: noSuchShift,
        409: errorDoc('CHECK_IN_REQUIRED, OUTSIDE_CHECKIN_WINDOW, SHIFT_CANCELLED'),
      },
    },
  },
]);
