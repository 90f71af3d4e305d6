/**
 * Equipment catalogue, timelines, availability and bookings, through the local gateway over
 * DynamoDB Local. Items created here live in categories of their own (`test_<random>`), so the
 * other test files running meanwhile never see them in their listings, and vice versa. Only the
 * spec replay touches the demo items (eq_101...).
 */
import { describe, expect, inject, it } from 'vitest';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { MembershipEntity, UserEntity } from '../../shared/store/entities/identity.ts';
import { admin, api, colleague, outsider, tableClient, type ApiResponse } from './support.ts';

interface Caller {
  accessToken: string;
  organizationId: string;
}

const ph = (method: string, path: string, caller: Caller, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse> =>
  api(method, path, { token: caller.accessToken, body: options.body, headers: { 'x-organization-id': caller.organizationId, ...options.headers } });

const uniqueCategory = () => `test_${randomUUID().replaceAll('-', '').slice(0, 10)}`;

async function createItem(fields: Record<string, unknown>): Promise<any> {
  const response = await ph('POST', '/v1/equipment', admin(), { body: { name: 'Test item', category: uniqueCategory(), subcategory: 'mixing_console', ...fields } });
  expect(response.status).toBe(201);
  return response.body;
}

const book = (body: Record<string, unknown>, caller: Caller = colleague()) => ph('POST', '/v1/equipment/book', caller, { body: { event_id: 'event_456', ...body } });

/** The spec's POST /equipment/book request, verbatim. */
const specBooking = {
  equipment_id: 'eq_101',
  event_id: 'event_456',
  shift_id: 'shift_789',
  start_time: '2024-02-15T20:00:00+01:00',
  end_time: '2024-02-16T02:00:00+01:00',
  technician_id: 'user_456',
};

describe('the spec examples, replayed against the demo data', () => {
  it('books eq_101 as the spec shows (201, MAINTENANCE_DUE), then lists it booked, then refuses the same slot (409)', async () => {
    // act
    const booked = await ph('POST', '/v1/equipment/book', colleague(), { body: specBooking });
    const listed = await ph(
      'GET',
      '/v1/equipment?category=sound&subcategory=mixing_console&start_time=2024-02-15T00:00:00&end_time=2024-02-16T00:00:00',
      colleague(),
    );
    const again = await ph('POST', '/v1/equipment/book', colleague(), { body: specBooking });
    // assess
    expect(booked.status).toBe(201);
    expect(booked.body).toEqual({
      booking_id: expect.stringMatching(/^booking_[0-9a-f]{16}$/),
      equipment_id: 'eq_101',
      status: 'confirmed',
      conflicts: [],
      warnings: [
        {
          code: 'MAINTENANCE_DUE',
          // The spec prints 45; from the booking's start date (2024-02-15) to 2024-04-10 there are 55 days (docs/equipment.md).
          message: 'Cet équipement nécessite une maintenance dans 55 jours (next_maintenance_date: 2024-04-10).',
          severity: 'low',
        },
      ],
    });
    expect(booked.headers.get('location')).toBe(`/v1/equipment/bookings/${booked.body.booking_id}`);

    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(3);
    expect(listed.body.next_cursor).toBeNull();
    expect(listed.body.results.map((item: { id: string }) => item.id)).toEqual(['eq_101', 'eq_103', 'eq_104']);
    expect(listed.body.results[0]).toEqual({
      id: 'eq_101',
      name: 'DiGiCo SD5',
      category: 'sound',
      subcategory: 'mixing_console',
      availability: [
        // The window is UTC (no offset in the query): 00:00Z is 01:00 in Paris.
        { start_time: '2024-02-15T01:00:00+01:00', end_time: '2024-02-15T20:00:00+01:00', status: 'available' },
        {
          start_time: '2024-02-15T20:00:00+01:00',
          end_time: '2024-02-16T02:00:00+01:00',
          status: 'booked',
          event_id: 'event_456',
          booking_id: booked.body.booking_id,
        },
      ],
      specifications: { inputs: 128, outputs: 64, compatibility: ['Dante', 'MADI'] },
      maintenance: { last_maintenance_date: '2024-01-10', next_maintenance_date: '2024-04-10' },
      kind: 'unit',
      quantity_total: 1,
      required_certifications: ['DiGiCo Certified'],
      daily_rate: 500,
      status: 'active',
      created_at: '2024-01-20T10:00:00.000Z',
      updated_at: '2024-01-20T10:00:00.000Z',
      retired_at: null,
    });

    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: 'RESOURCE_CONFLICT',
      message: `Équipement déjà réservé (${booked.body.booking_id}, 2024-02-15T19:00:00.000Z - 2024-02-16T01:00:00.000Z)`,
      details: {
        equipment_id: 'eq_101',
        conflicting_booking_id: booked.body.booking_id,
        conflicting_event_id: 'event_456',
        conflicting_start_time: '2024-02-15T19:00:00.000Z',
        conflicting_end_time: '2024-02-16T01:00:00.000Z',
        conflicts: [
          {
            booking_id: booked.body.booking_id,
            owner_type: 'equipment_booking',
            owner_id: booked.body.booking_id,
            event_id: 'event_456',
            start_time: '2024-02-15T19:00:00.000Z',
            end_time: '2024-02-16T01:00:00.000Z',
            quantity: 1,
          },
        ],
      },
    });
  });

  it('reads a booking back in UTC, with what the request named', async () => {
    // prepare
    const item = await createItem({});
    const booked = await book({ equipment_id: item.id, shift_id: 'shift_789', start_time: '2031-03-01T20:00:00+01:00', end_time: '2031-03-02T02:00:00+01:00' });
    // act
    const response = await ph('GET', `/v1/equipment/bookings/${booked.body.booking_id}`, colleague());
    // assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      booking_id: booked.body.booking_id,
      equipment_id: item.id,
      event_id: 'event_456',
      shift_id: 'shift_789',
      technician_id: null,
      start_time: '2031-03-01T19:00:00.000Z',
      end_time: '2031-03-02T01:00:00.000Z',
      quantity: 1,
      status: 'confirmed',
      created_at: expect.any(String),
      created_by: 'user_456',
      cancelled_at: null,
      cancelled_by: null,
    });
    expect((await ph('GET', `/v1/equipment/bookings/${booked.body.booking_id}`, outsider())).status).toBe(404);
  });
});

describe('the catalogue', () => {
  it('lets admins create, update and retire items, and any member read them', async () => {
    // prepare
    const category = uniqueCategory();
    // act
    const created = await ph('POST', '/v1/equipment', admin(), {
      body: {
        name: 'MA Lighting grandMA3 light',
        category,
        subcategory: 'lighting_desk',
        specifications: { universes: 16 },
        last_maintenance_date: '2030-01-10',
        next_maintenance_date: '2030-06-10',
        required_certifications: ['MA3 Certified', 'ma3 certified '],
        daily_rate: 350.5,
      },
    });
    const updated = await ph('PATCH', `/v1/equipment/${created.body.id}`, admin(), { body: { name: 'grandMA3 light', daily_rate: null } });
    const read = await ph('GET', `/v1/equipment/${created.body.id}?start_time=2030-03-01T00:00:00Z&end_time=2030-03-02T00:00:00Z`, colleague());
    const retired = await ph('DELETE', `/v1/equipment/${created.body.id}`, admin());
    const retiredAgain = await ph('DELETE', `/v1/equipment/${created.body.id}`, admin());
    const activeList = await ph('GET', `/v1/equipment?category=${category}`, colleague());
    const retiredList = await ph('GET', `/v1/equipment?category=${category}&status=retired`, colleague());
    // assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^eq_[0-9a-f]{16}$/),
      name: 'MA Lighting grandMA3 light',
      category,
      subcategory: 'lighting_desk',
      specifications: { universes: 16 },
      maintenance: { last_maintenance_date: '2030-01-10', next_maintenance_date: '2030-06-10' },
      kind: 'unit',
      quantity_total: 1,
      required_certifications: ['MA3 Certified'],
      daily_rate: 350.5,
      status: 'active',
      retired_at: null,
    });
    expect(created.headers.get('location')).toBe(`/v1/equipment/${created.body.id}`);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'grandMA3 light', daily_rate: null, specifications: { universes: 16 } });
    expect(read.status).toBe(200);
    expect(read.body.availability).toEqual([{ start_time: '2030-03-01T01:00:00+01:00', end_time: '2030-03-02T01:00:00+01:00', status: 'available' }]);
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ status: 'retired', retired_at: expect.any(String) });
    expect(retiredAgain.body.retired_at).toBe(retired.body.retired_at);
    expect(activeList.body).toEqual({ count: 0, results: [], next_cursor: null });
    expect(retiredList.body.results.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
  });

  it('refuses catalogue changes to planners who are not admins, and reads to other organisations', async () => {
    // prepare
    const item = await createItem({});
    // act
    const create = await ph('POST', '/v1/equipment', colleague(), { body: { name: 'x', category: 'sound', subcategory: 'di_box' } });
    const update = await ph('PATCH', `/v1/equipment/${item.id}`, colleague(), { body: { name: 'y' } });
    const retire = await ph('DELETE', `/v1/equipment/${item.id}`, colleague());
    const foreign = await ph('GET', `/v1/equipment/${item.id}`, outsider());
    // assess
    expect([create.status, update.status, retire.status]).toEqual([403, 403, 403]);
    expect(create.body.error.code).toBe('INSUFFICIENT_ROLE');
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
  });

  it('rejects bad catalogue input with the field at fault', async () => {
    // act
    const unknownField = await ph('POST', '/v1/equipment', admin(), { body: { name: 'x', category: 'sound', subcategory: 'di_box', colour: 'red' } });
    const bulkWithoutStock = await ph('POST', '/v1/equipment', admin(), { body: { name: 'x', category: 'sound', subcategory: 'cable', kind: 'bulk' } });
    const unitWithStock = await ph('POST', '/v1/equipment', admin(), { body: { name: 'x', category: 'sound', subcategory: 'di_box', quantity_total: 4 } });
    const badCategory = await ph('POST', '/v1/equipment', admin(), { body: { name: 'x', category: 'Sound#1', subcategory: 'di_box' } });
    const datesReversed = await ph('POST', '/v1/equipment', admin(), {
      body: { name: 'x', category: 'sound', subcategory: 'di_box', last_maintenance_date: '2024-05-01', next_maintenance_date: '2024-04-01' },
    });
    // assess
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details).toEqual([{ field: 'colour', message: expect.any(String) }]);
    expect(bulkWithoutStock.status).toBe(400);
    expect(bulkWithoutStock.body.error.details).toEqual([{ field: 'quantity_total', message: 'quantity_total is required for a bulk item' }]);
    expect(unitWithStock.status).toBe(400);
    expect(unitWithStock.body.error.details).toEqual([{ field: 'quantity_total', message: expect.any(String) }]);
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error.details[0].field).toBe('category');
    expect(datesReversed.status).toBe(400);
    expect(datesReversed.body.error.details).toEqual([{ field: 'next_maintenance_date', message: 'next_maintenance_date must be on or after last_maintenance_date' }]);
  });

  it('pages through a category with next_cursor, sorted by subcategory then id', async () => {
    // prepare
    const category = uniqueCategory();
    const ids: string[] = [];
    for (const subcategory of ['b_sub', 'a_sub', 'a_sub']) {
      const response = await ph('POST', '/v1/equipment', admin(), { body: { name: 'Paged', category, subcategory } });
      ids.push(response.body.id);
    }
    const expected = [...ids.slice(1).sort(), ids[0]];
    // act
    const first = await ph('GET', `/v1/equipment?category=${category}&limit=2`, colleague());
    const second = await ph('GET', `/v1/equipment?category=${category}&limit=2&cursor=${first.body.next_cursor}`, colleague());
    const bySubcategory = await ph('GET', `/v1/equipment?subcategory=a_sub&category=${category}`, colleague());
    const forgedPath = `/v1/equipment?limit=2&cursor=${Buffer.from(JSON.stringify(['x#y', 'z', 'id'])).toString('base64url')}`;
    const forged = await ph('GET', forgedPath, colleague(), { headers: { 'accept-language': 'en' } });
    const forgedFr = await ph('GET', forgedPath, colleague());
    // assess
    expect(first.body.count).toBe(2);
    expect(first.body.results.map((item: { id: string }) => item.id)).toEqual(expected.slice(0, 2));
    expect(first.body.next_cursor).toEqual(expect.any(String));
    expect(second.body.results.map((item: { id: string }) => item.id)).toEqual(expected.slice(2));
    expect(second.body.next_cursor).toBeNull();
    expect(bySubcategory.body.count).toBe(2);
    expect(forged.status).toBe(400);
    expect(forged.body.error.details).toEqual([{ field: 'cursor', message: 'Invalid cursor' }]);
    expect([forgedFr.status, forgedFr.body.error.details]).toEqual([400, [{ field: 'cursor', message: 'Curseur invalide' }]]);
  });

  it('refuses to lower a stock below what is booked from now on', async () => {
    // prepare
    const item = await createItem({ kind: 'bulk', quantity_total: 10, subcategory: 'stage_box' });
    await book({ equipment_id: item.id, quantity: 6, start_time: '2031-05-01T10:00:00Z', end_time: '2031-05-01T12:00:00Z' });
    // act
    const tooLow = await ph('PATCH', `/v1/equipment/${item.id}`, admin(), { body: { quantity_total: 5 } });
    const enough = await ph('PATCH', `/v1/equipment/${item.id}`, admin(), { body: { quantity_total: 6 } });
    // assess
    expect(tooLow.status).toBe(409);
    expect(tooLow.body.error).toMatchObject({
      code: 'RESOURCE_CONFLICT',
      details: { equipment_id: item.id, booked_peak: 6, booked_peak_at: '2031-05-01T10:00:00.000Z', quantity_total: 5 },
    });
    expect(enough.status).toBe(200);
    expect(enough.body.quantity_total).toBe(6);
  });
});

describe('POST /v1/equipment/book', () => {
  it('answers INVALID_TIME_RANGE for a malformed, empty, reversed or over-long range', async () => {
    // prepare
    const item = await createItem({});
    const slot = (start_time: string, end_time: string) => book({ equipment_id: item.id, start_time, end_time });
    // act
    const responses = await Promise.all([
      slot('2031-01-01T25:00:00Z', '2031-01-01T26:00:00Z'),
      slot('2031-01-01T10:00:00Z', 'demain'),
      slot('2031-01-01T10:00:00Z', '2031-01-01T10:00:00Z'),
      slot('2031-01-01T10:00:00Z', '2031-01-01T09:00:00Z'),
      slot('2031-01-01T10:00:00Z', '2031-01-08T10:00:01Z'),
    ]);
    // assess
    expect(responses.map((response) => response.status)).toEqual([400, 400, 400, 400, 400]);
    expect(responses.map((response) => response.body.error.code)).toEqual(Array(5).fill('INVALID_TIME_RANGE'));
    expect(responses.map((response) => response.body.error.details[0].reason)).toEqual(['malformed', 'malformed', 'end_not_after_start', 'end_not_after_start', 'too_long']);
    expect(responses[1]!.body.error.details[0].field).toBe('end_time');
  });

  it('accepts exactly 7 days, and back-to-back bookings (half-open intervals)', async () => {
    // prepare
    const item = await createItem({});
    // act
    const week = await book({ equipment_id: item.id, start_time: '2031-01-01T10:00:00Z', end_time: '2031-01-08T10:00:00Z' });
    const right = await book({ equipment_id: item.id, start_time: '2031-01-08T11:00:00+01:00', end_time: '2031-01-08T12:00:00Z' });
    const before = await book({ equipment_id: item.id, start_time: '2030-12-31T10:00:00Z', end_time: '2031-01-01T10:00:00Z' });
    const overlapping = await book({ equipment_id: item.id, start_time: '2031-01-08T09:59:59Z', end_time: '2031-01-08T10:30:00Z' });
    // assess
    expect([week.status, right.status, before.status]).toEqual([201, 201, 201]);
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error.details.conflicts.map((conflict: { booking_id: string }) => conflict.booking_id)).toEqual([week.body.booking_id, right.body.booking_id]);
  });

  it('answers MAINTENANCE_OVERDUE past 3 months after the last maintenance, or over the next maintenance date', async () => {
    // prepare
    const item = await createItem({ last_maintenance_date: '2031-01-10', next_maintenance_date: '2031-06-01' });
    // act
    const lastDay = await book({ equipment_id: item.id, start_time: '2031-04-10T20:00:00+02:00', end_time: '2031-04-11T02:00:00+02:00' });
    const tooLate = await book({ equipment_id: item.id, start_time: '2031-04-11T08:00:00+02:00', end_time: '2031-04-11T10:00:00+02:00' });
    const unmaintained = await createItem({ last_maintenance_date: '2031-03-01', next_maintenance_date: '2031-04-15' });
    const overNext = await book({ equipment_id: unmaintained.id, start_time: '2031-04-14T20:00:00+02:00', end_time: '2031-04-15T00:00:01+02:00' });
    const dayBefore = await book({ equipment_id: unmaintained.id, start_time: '2031-04-14T20:00:00+02:00', end_time: '2031-04-15T00:00:00+02:00' });
    // assess
    expect(lastDay.status).toBe(201);
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.error).toMatchObject({
      code: 'MAINTENANCE_OVERDUE',
      details: { equipment_id: item.id, reason: 'last_maintenance_too_old', last_maintenance_date: '2031-01-10', usable_until: '2031-04-10' },
    });
    expect(overNext.status).toBe(422);
    expect(overNext.body.error).toMatchObject({ code: 'MAINTENANCE_OVERDUE', details: { reason: 'next_maintenance_during_booking', next_maintenance_date: '2031-04-15' } });
    expect(dayBefore.status).toBe(201);
    expect(dayBefore.body.warnings).toEqual([
      { code: 'MAINTENANCE_DUE', message: 'Cet équipement nécessite une maintenance dans 1 jour (next_maintenance_date: 2031-04-15).', severity: 'low' },
    ]);
  });

  it('answers SKILL_MISMATCH when the technician lacks a required certification or it has expired', async () => {
    // prepare
    const item = await createItem({ required_certifications: ['DiGiCo Certified'] });
    // act
    const uncertified = await book({ equipment_id: item.id, technician_id: 'user_admin', start_time: '2025-06-01T20:00:00Z', end_time: '2025-06-01T23:00:00Z' });
    // user_456's certification is valid through 2025-12-31 (Paris): a night booking reaching into 2026 is not covered.
    const expiring = await book({ equipment_id: item.id, technician_id: 'user_456', start_time: '2025-12-31T20:00:00+01:00', end_time: '2026-01-01T02:00:00+01:00' });
    const certified = await book({ equipment_id: item.id, technician_id: 'user_456', start_time: '2025-12-31T18:00:00+01:00', end_time: '2026-01-01T00:00:00+01:00' });
    const stranger = await book({ equipment_id: item.id, technician_id: 'user_999', start_time: '2025-06-02T20:00:00Z', end_time: '2025-06-02T23:00:00Z' });
    // assess
    expect(uncertified.status).toBe(422);
    expect(uncertified.body.error).toEqual({
      code: 'SKILL_MISMATCH',
      message: 'Technicien non certifié pour cet équipement (DiGiCo Certified)',
      details: {
        equipment_id: item.id,
        technician_id: 'user_admin',
        required_certifications: ['DiGiCo Certified'],
        missing_certifications: ['DiGiCo Certified'],
        expired_certifications: [],
      },
    });
    expect(expiring.status).toBe(422);
    expect(expiring.body.error.details.expired_certifications).toEqual([{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }]);
    expect(certified.status).toBe(201);
    expect(stranger.status).toBe(404);
  });

  it("refuses another organisation's event, a retired item, units booked by quantity, and non-planners", async () => {
    // prepare
    const item = await createItem({});
    const retiredItem = await createItem({});
    await ph('DELETE', `/v1/equipment/${retiredItem.id}`, admin());
    const slot = { start_time: '2032-01-01T10:00:00Z', end_time: '2032-01-01T12:00:00Z' };
    const technicianToken = await newTechnician();
    // act
    const unknownEvent = await book({ equipment_id: item.id, event_id: 'event_nope', ...slot });
    const unknownItem = await book({ equipment_id: 'eq_nope', ...slot });
    const retired = await book({ equipment_id: retiredItem.id, ...slot });
    const quantity = await book({ equipment_id: item.id, quantity: 2, ...slot });
    const technician = await book({ equipment_id: item.id, ...slot }, technicianToken);
    const wrongEventHeader = await ph('POST', '/v1/equipment/book', colleague(), {
      body: { equipment_id: item.id, event_id: 'event_456', ...slot },
      headers: { 'x-event-id': 'event_other' },
    });
    // assess
    expect(unknownEvent.status).toBe(404);
    expect(unknownItem.status).toBe(404);
    expect(unknownItem.body.error.message).toBe('Équipement introuvable');
    expect(retired.status).toBe(409);
    expect(retired.body.error.code).toBe('EQUIPMENT_RETIRED');
    expect(quantity.status).toBe(400);
    expect(quantity.body.error.details).toEqual([{ field: 'quantity', message: 'A unit is booked with quantity = 1' }]);
    expect(technician.status).toBe(403);
    expect(wrongEventHeader.status).toBe(403);
  });

  it('books a stock by quantity and refuses what would take it below zero', async () => {
    // prepare
    const item = await createItem({ kind: 'bulk', quantity_total: 40, subcategory: 'stage_box' });
    const evening = { start_time: '2031-07-01T18:00:00+02:00', end_time: '2031-07-02T00:00:00+02:00' };
    // act
    const first = await book({ equipment_id: item.id, quantity: 28, ...evening });
    const overlapping = await book({ equipment_id: item.id, quantity: 13, start_time: '2031-07-01T22:00:00+02:00', end_time: '2031-07-02T01:00:00+02:00' });
    const fits = await book({ equipment_id: item.id, quantity: 12, start_time: '2031-07-01T22:00:00+02:00', end_time: '2031-07-02T01:00:00+02:00' });
    const later = await book({ equipment_id: item.id, quantity: 40, start_time: '2031-07-02T01:00:00+02:00', end_time: '2031-07-02T03:00:00+02:00' });
    const tooMany = await book({ equipment_id: item.id, quantity: 41, ...evening });
    // assess
    expect([first.status, fits.status, later.status]).toEqual([201, 201, 201]);
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error).toMatchObject({
      code: 'RESOURCE_CONFLICT',
      message: 'Stock insuffisant : 12 disponible(s) sur 40 sur ce créneau, 13 demandé(s)',
      details: { requested_quantity: 13, available_quantity: 12, quantity_total: 40, conflicting_booking_id: first.body.booking_id },
    });
    expect(tooMany.status).toBe(400);
  });

  it('frees the slot when a booking is cancelled, idempotently', async () => {
    // prepare
    const item = await createItem({});
    const slot = { equipment_id: item.id, start_time: '2031-09-01T10:00:00Z', end_time: '2031-09-01T12:00:00Z' };
    const first = await book(slot);
    const technicianToken = await newTechnician();
    // act
    const refused = await ph('DELETE', `/v1/equipment/bookings/${first.body.booking_id}`, technicianToken);
    const cancelled = await ph('DELETE', `/v1/equipment/bookings/${first.body.booking_id}`, colleague());
    const cancelledAgain = await ph('DELETE', `/v1/equipment/bookings/${first.body.booking_id}`, admin());
    const rebooked = await book(slot);
    const unknown = await ph('DELETE', '/v1/equipment/bookings/booking_nope', colleague());
    // assess
    expect(refused.status).toBe(403);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ booking_id: first.body.booking_id, status: 'cancelled', cancelled_by: 'user_456', cancelled_at: expect.any(String) });
    expect(cancelledAgain.status).toBe(200);
    expect(cancelledAgain.body).toEqual(cancelled.body);
    expect(rebooked.status).toBe(201);
    expect(unknown.status).toBe(404);
  });
});

describe('GET /v1/equipment/availability', () => {
  it('gives free and busy intervals per item and available/total per subcategory', async () => {
    // prepare
    const category = uniqueCategory();
    const create = async (body: Record<string, unknown>) => (await ph('POST', '/v1/equipment', admin(), { body: { name: 'Avail', category, ...body } })).body;
    const consoleA = await create({ subcategory: 'mixing_console' });
    const consoleB = await create({ subcategory: 'mixing_console' });
    const boxes = await create({ subcategory: 'stage_box', kind: 'bulk', quantity_total: 40 });
    const booking = await book({ equipment_id: consoleA.id, start_time: '2031-10-01T20:00:00+02:00', end_time: '2031-10-02T02:00:00+02:00' });
    await book({ equipment_id: boxes.id, quantity: 28, start_time: '2031-10-01T18:00:00+02:00', end_time: '2031-10-01T23:00:00+02:00' });
    const window = 'start_time=2031-10-01T00:00:00%2B02:00&end_time=2031-10-02T00:00:00%2B02:00';
    // act
    const byCategory = await ph('GET', `/v1/equipment/availability?category=${category}&${window}`, colleague());
    const byIds = await ph('GET', `/v1/equipment/availability?ids=${boxes.id},eq_missing&${window}`, colleague());
    const noSelection = await ph('GET', `/v1/equipment/availability?${window}`, colleague());
    const noWindow = await ph('GET', `/v1/equipment/availability?category=${category}`, colleague());
    // assess
    expect(byCategory.status).toBe(200);
    expect(byCategory.body.start_time).toBe('2031-10-01T00:00:00+02:00');
    expect(byCategory.body.summary).toEqual([
      { category, subcategory: 'mixing_console', available: 1, total: 2 },
      { category, subcategory: 'stage_box', available: 12, total: 40 },
    ]);
    const a = byCategory.body.results.find((item: { id: string }) => item.id === consoleA.id);
    expect(a).toMatchObject({
      total: 1,
      available: 0,
      free: [{ start_time: '2031-10-01T00:00:00+02:00', end_time: '2031-10-01T20:00:00+02:00', quantity: 1 }],
      busy: [
        {
          start_time: '2031-10-01T20:00:00+02:00',
          end_time: '2031-10-02T02:00:00+02:00',
          status: 'booked',
          booking_id: booking.body.booking_id,
          event_id: 'event_456',
          quantity: 1,
        },
      ],
    });
    expect(byCategory.body.results.find((item: { id: string }) => item.id === consoleB.id)).toMatchObject({ available: 1, busy: [] });
    expect(byIds.body.count).toBe(1);
    expect(byIds.body.not_found).toEqual(['eq_missing']);
    expect(byIds.body.results[0].free).toEqual([
      { start_time: '2031-10-01T00:00:00+02:00', end_time: '2031-10-01T18:00:00+02:00', quantity: 40 },
      { start_time: '2031-10-01T18:00:00+02:00', end_time: '2031-10-01T23:00:00+02:00', quantity: 12 },
      { start_time: '2031-10-01T23:00:00+02:00', end_time: '2031-10-02T00:00:00+02:00', quantity: 40 },
    ]);
    expect(noSelection.status).toBe(400);
    expect(noWindow.status).toBe(400);
  });

  it('shows maintenance from the next maintenance date on', async () => {
    // prepare
    const item = await createItem({ next_maintenance_date: '2031-11-02' });
    // act
    const response = await ph('GET', `/v1/equipment/${item.id}?start_time=2031-11-01T12:00:00Z&end_time=2031-11-02T12:00:00Z`, colleague());
    // assess
    expect(response.body.availability).toEqual([
      { start_time: '2031-11-01T13:00:00+01:00', end_time: '2031-11-02T00:00:00+01:00', status: 'available' },
      { start_time: '2031-11-02T00:00:00+01:00', end_time: '2031-11-02T13:00:00+01:00', status: 'maintenance' },
    ]);
  });
});

/** A member with only the technician role (not a planner). */
async function newTechnician(): Promise<Caller> {
  const userId = `user_${randomUUID().slice(0, 8)}`;
  const createdAt = new Date().toISOString();
  const { client, tableName } = tableClient();
  await client.send(
    new PutCommand({ TableName: tableName, Item: UserEntity.toItem({ id: userId, email: `${userId}@test.example`, firstName: 'T', lastName: 'T', phone: null, createdAt }) }),
  );
  await client.send(
    new PutCommand({ TableName: tableName, Item: MembershipEntity.toItem({ organizationId: 'org_123', userId, roles: ['technician'], createdAt }) }),
  );
  return { accessToken: accessTokenFor(userId), organizationId: 'org_123' };
}

/** An access token from the local development issuer, signed with its key (as jwt.test.ts does). */
function accessTokenFor(userId: string): string {
  const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
  const kid = JSON.parse(Buffer.from(admin().accessToken.split('.')[0]!, 'base64url').toString()).kid;
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: 'https://dev-issuer.planninghub.local/',
    aud: 'https://planninghub-spectacle.fr/api',
    sub: userId,
    iat: now,
    exp: now + 3600,
    'https://planninghub-spectacle.fr/org_id': 'org_123',
  };
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${b64url(JSON.stringify(payload))}`;
  const key = createPrivateKey(readFileSync(join(inject('issuerKeyDir'), 'dev-issuer-private.pem')));
  return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), key))}`;
}

describe('specifications', () => {
  it('come back in the order they were written', async () => {
    // prepare / act
    const created = await createItem({ specifications: { outputs: 64, inputs: 128, compatibility: ['MADI', 'Dante'], weight_kg: 80 } });
    const read = await ph('GET', `/v1/equipment/${created.id}`, admin());
    // assess
    expect(JSON.stringify(read.body.specifications)).toBe('{"outputs":64,"inputs":128,"compatibility":["MADI","Dante"],"weight_kg":80}');
  });
});
