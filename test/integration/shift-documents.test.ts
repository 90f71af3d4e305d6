/**
 * Shifts point at documents (docs/documents.md): `metadata.technical_rider`, `stage_plot` and
 * `cable_plan` accept a document id of the shift's event beside URLs; GET /v1/shifts/{id} resolves
 * an id to the document with a download URL, for the caller's technicians too.
 */
import { describe, expect, it } from 'vitest';
import { arrangeCrewWorld, callerOf, ph, technicianShift } from './shifts-world.ts';
import { PDF, readyDocument, sha256, SVG } from './documents-support.ts';

describe('technical sheets as documents', () => {
  it('stores a document id, keeps URLs, and GET resolves the id for the technician of the shift', async () => {
    // prepare
    const { planner, members, eventId } = await arrangeCrewWorld(1);
    const technician = members[0]!;
    const rider = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF }, eventId);
    const plot = await readyDocument(planner, { name: 'plot.svg', type: 'image/svg+xml', bytes: SVG, kind: 'stage_plot' }, eventId);
    // act
    const created = await ph(
      'POST',
      '/v1/shifts',
      planner,
      technicianShift(eventId, technician.userId, '2031-03-10T10:00:00+01:00', '2031-03-10T16:00:00+01:00', {
        metadata: { technical_rider: rider.id, stage_plot: plot.id, cable_plan: 'https://example.com/cables.pdf' },
      }),
    );
    const read = await ph('GET', `/v1/shifts/${created.body.id}`, callerOf(technician));
    // assess
    expect(created.status).toBe(201);
    expect(read.status).toBe(200);
    expect(read.body.metadata).toMatchObject({
      technical_rider: { id: rider.id, file_name: 'rider.pdf', content_type: 'application/pdf', size: PDF.length, sha256: sha256(PDF), download_url: expect.stringMatching(/^http/) },
      stage_plot: { id: plot.id, content_type: 'image/svg+xml', sha256: sha256(SVG) },
      cable_plan: 'https://example.com/cables.pdf',
    });
    const downloaded = Buffer.from(await (await fetch(read.body.metadata.technical_rider.download_url)).arrayBuffer());
    expect(downloaded.equals(PDF)).toBe(true);
  });

  it('refuses an id that names no document of the shift event, with a 400 naming the field', async () => {
    // prepare
    const { planner, members, eventId } = await arrangeCrewWorld(1);
    const other = await ph('POST', '/v1/events', planner, { name: 'Another festival', start_date: '2031-04-01', end_date: '2031-04-02' });
    const foreign = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF }, other.body.id);
    const body = (metadata: Record<string, unknown>) =>
      technicianShift(eventId, members[0]!.userId, '2031-03-11T10:00:00+01:00', '2031-03-11T16:00:00+01:00', { metadata });
    // act
    const otherEvent = await ph('POST', '/v1/shifts', planner, body({ cable_plan: foreign.id }));
    const unknown = await ph('POST', '/v1/shifts', planner, body({ technical_rider: 'doc_00000000000000000000' }));
    const neither = await ph('POST', '/v1/shifts', planner, body({ stage_plot: 'not a url nor an id' }));
    // assess
    expect(otherEvent.status).toBe(400);
    expect(otherEvent.body.error.details).toEqual([{ field: 'metadata.cable_plan', message: expect.any(String) }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ field: 'metadata.technical_rider', message: expect.any(String) }]);
    expect(neither.status).toBe(400);
    expect(JSON.stringify(neither.body.error.details)).toContain('stage_plot');
  });
});
