/**
 * GET /v1/sync (docs/documents.md, "Offline sync"): a technician's first sync gives everything
 * current; the next one, only what changed since its cursor: shifts created, updated, cancelled,
 * and the documents of their events.
 */
import { describe, expect, it } from 'vitest';
import { arrangeCrewWorld, callerOf, ph, technicianShift } from './shifts-world.ts';
import { PDF, readyDocument, upload } from './documents-support.ts';

const soon = (days: number, hour: number) => {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00:00Z`;
};
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /v1/sync', () => {
  it('gives everything first, then only the changes since the cursor', async () => {
    // prepare
    const { planner, members, eventId } = await arrangeCrewWorld(1);
    const technician = callerOf(members[0]!);
    const rider = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF }, eventId);
    const shift = (days: number) => technicianShift(eventId, members[0]!.userId, soon(days, 9), soon(days, 15), { metadata: { technical_rider: rider.id } });
    const kept = await ph('POST', '/v1/shifts', planner, shift(3));
    const toCancel = await ph('POST', '/v1/shifts', planner, shift(6));
    expect([kept.status, toCancel.status]).toEqual([201, 201]);
    // Past the overlap the cursor allows, so that what was there before is not delivered again.
    await wait(5_500);
    // act
    const first = await ph('GET', '/v1/sync', technician);
    const added = await ph('POST', '/v1/shifts', planner, shift(9));
    const cancelled = await ph('DELETE', `/v1/shifts/${toCancel.body.id}`, planner);
    const replaced = await ph('POST', `/v1/documents/${rider.id}/versions`, planner, { file_name: 'rider-v2.pdf', content_type: 'application/pdf', size: PDF.length });
    await upload(replaced.body.upload, PDF);
    await ph('POST', `/v1/documents/${rider.id}/complete`, planner);
    const second = await ph('GET', `/v1/sync?since=${encodeURIComponent(first.body.next_cursor)}`, technician);
    // assess
    expect(first.status).toBe(200);
    expect(first.body.shifts.map((entry: { id: string }) => entry.id).sort()).toEqual([kept.body.id, toCancel.body.id].sort());
    expect(first.body.shifts[0].metadata.technical_rider).toBe(rider.id);
    expect(first.body.shift_ids.sort()).toEqual([kept.body.id, toCancel.body.id].sort());
    expect(first.body.documents).toEqual([expect.objectContaining({ id: rider.id, version: 1, download_url: expect.stringMatching(/^http/) })]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    expect(added.status).toBe(201);
    expect(cancelled.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.shifts.map((entry: { id: string; status: string }) => [entry.id, entry.status]).sort()).toEqual(
      [
        [added.body.id, added.body.status],
        [toCancel.body.id, 'cancelled'],
      ].sort(),
    );
    expect(second.body.shift_ids.sort()).toEqual([kept.body.id, added.body.id].sort());
    expect(second.body.documents).toEqual([expect.objectContaining({ id: rider.id, version: 2, file_name: 'rider-v2.pdf' })]);
  });

  it('refuses a cursor it did not issue with a 400 naming `since`', async () => {
    // prepare
    const { members } = await arrangeCrewWorld(1);
    // act
    const forged = await ph('GET', '/v1/sync?since=not-a-cursor', callerOf(members[0]!));
    const future = await ph('GET', `/v1/sync?since=${Buffer.from(JSON.stringify({ at: '2999-01-01T00:00:00.000Z' })).toString('base64url')}`, callerOf(members[0]!));
    // assess
    expect(forged.status).toBe(400);
    expect(forged.body.error.details).toEqual([{ field: 'since', message: 'Invalid cursor' }]);
    expect(future.status).toBe(400);
  });
});

describe('conditional GETs on shifts', () => {
  it('answers 304 to If-None-Match on GET shift and on the shift list while unchanged, 200 once changed', async () => {
    // prepare
    const { planner, members, eventId } = await arrangeCrewWorld(1);
    const technician = callerOf(members[0]!);
    const created = await ph('POST', '/v1/shifts', planner, technicianShift(eventId, members[0]!.userId, soon(4, 9), soon(4, 15)));
    const shift = await ph('GET', `/v1/shifts/${created.body.id}`, technician);
    const list = await ph('GET', '/v1/shifts?mine=true', technician);
    // act
    const shiftAgain = await ph('GET', `/v1/shifts/${created.body.id}`, technician, undefined, { 'if-none-match': shift.headers.get('etag')! });
    const listAgain = await ph('GET', '/v1/shifts?mine=true', technician, undefined, { 'if-none-match': list.headers.get('etag')! });
    await ph('PATCH', `/v1/shifts/${created.body.id}`, planner, { version: created.body.version, title: 'Renamed' });
    const shiftChanged = await ph('GET', `/v1/shifts/${created.body.id}`, technician, undefined, { 'if-none-match': shift.headers.get('etag')! });
    const listChanged = await ph('GET', '/v1/shifts?mine=true', technician, undefined, { 'if-none-match': list.headers.get('etag')! });
    // assess
    expect(list.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect([shiftAgain.status, listAgain.status]).toEqual([304, 304]);
    expect([shiftAgain.text, listAgain.text]).toEqual(['', '']);
    expect([shiftChanged.status, listChanged.status]).toEqual([200, 200]);
    expect(listChanged.body.results[0].title).toBe('Renamed');
  });
});
