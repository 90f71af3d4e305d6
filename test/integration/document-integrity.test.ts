/**
 * Documents and what points at them (docs/documents.md): a shift's document ids are conditions of
 * the shift's own transaction (exists, same organisation and event, ready), and deleting an event
 * deletes its documents (tombstones) and their objects.
 */
import { describe, expect, it } from 'vitest';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { api, tableClient } from './support.ts';
import { useTestRuntimeTable } from './in-process.ts';
import { arrangeCrewWorld, ph, technicianShift } from './shifts-world.ts';
import { announce, PDF, readyDocument, upload } from './documents-support.ts';
import { readyDocumentCheck } from '../../shared/store/documents.ts';
import * as keys from '../../shared/store/keys.ts';

useTestRuntimeTable();

const objectUrl = (presigned: string) => presigned.replace(/\?.*$/, '');

describe("a shift's document ids", () => {
  it('are held by a ConditionCheck: exists in the organisation, of the event, ready', async () => {
    // prepare
    const { organizationId, planner, eventId } = await arrangeCrewWorld(0);
    const other = await ph('POST', '/v1/events', planner, { name: 'Another festival', start_date: '2031-04-01', end_date: '2031-04-02' });
    const ready = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF }, eventId);
    const pending = (await announce(planner, { name: 'plot.pdf', type: 'application/pdf', bytes: PDF }, eventId)).body;
    const { client } = tableClient();
    const holds = async (check: ReturnType<typeof readyDocumentCheck>) => {
      try {
        await client.send(new TransactWriteCommand({ TransactItems: [check] }));
        return true;
      } catch (error) {
        if ((error as Error).name === 'TransactionCanceledException') return false;
        throw error;
      }
    };
    // act
    const outcomes = {
      ready: await holds(readyDocumentCheck(organizationId, ready.id, eventId)),
      otherEvent: await holds(readyDocumentCheck(organizationId, ready.id, other.body.id)),
      otherOrganisation: await holds(readyDocumentCheck('org_someone_else', ready.id, eventId)),
      pending: await holds(readyDocumentCheck(organizationId, pending.id, eventId)),
      unknown: await holds(readyDocumentCheck(organizationId, 'doc_00000000000000000000', eventId)),
    };
    // assess
    expect(outcomes).toEqual({ ready: true, otherEvent: false, otherOrganisation: false, pending: false, unknown: false });
  });

  it('refuse a document not ready yet, with a 400 naming the field, on create and on update', async () => {
    // prepare
    const { planner, members, eventId } = await arrangeCrewWorld(1);
    const pending = (await announce(planner, { name: 'plot.pdf', type: 'application/pdf', bytes: PDF, kind: 'stage_plot' }, eventId)).body;
    const ready = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF }, eventId);
    const body = (metadata: Record<string, unknown>) => technicianShift(eventId, members[0]!.userId, '2031-03-12T10:00:00+01:00', '2031-03-12T16:00:00+01:00', { metadata });
    // act
    const created = await ph('POST', '/v1/shifts', planner, body({ stage_plot: pending.id }));
    const accepted = await ph('POST', '/v1/shifts', planner, body({ technical_rider: ready.id }));
    const updated = await ph('PATCH', `/v1/shifts/${accepted.body.id}`, planner, { metadata: { technical_rider: ready.id, stage_plot: pending.id } }, { 'if-match': `"${accepted.body.version}"` });
    // assess
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([{ field: 'metadata.stage_plot', message: expect.any(String) }]);
    expect(accepted.status).toBe(201);
    expect(updated.status).toBe(400);
    expect(updated.body.error.details).toEqual([{ field: 'metadata.stage_plot', message: expect.any(String) }]);
  });

  it('never let a shift commit on a document deleted at the same time: 201 before the deletion, or a 400', async () => {
    // prepare
    const { planner, members, eventId } = await arrangeCrewWorld(1);
    for (let round = 0; round < 4; round++) {
      const rider = await readyDocument(planner, { name: `rider-${round}.pdf`, type: 'application/pdf', bytes: PDF }, eventId);
      const day = String(13 + round).padStart(2, '0');
      // act
      const [created, deleted] = await Promise.all([
        ph('POST', '/v1/shifts', planner, technicianShift(eventId, members[0]!.userId, `2031-03-${day}T10:00:00+01:00`, `2031-03-${day}T16:00:00+01:00`, { metadata: { technical_rider: rider.id } })),
        ph('DELETE', `/v1/documents/${rider.id}`, planner),
      ]);
      // assess
      expect(deleted.status).toBe(204);
      expect([201, 400]).toContain(created.status);
      if (created.status === 400) expect(created.body.error.details).toEqual([{ field: 'metadata.technical_rider', message: expect.any(String) }]);
      else expect((await ph('GET', `/v1/shifts/${created.body.id}`, planner)).body.metadata.technical_rider).toBeNull();
    }
  });
});

describe('deleting an event', () => {
  it('deletes its documents: tombstones (404 to readers) and every object, pending uploads included', async () => {
    // prepare
    const { planner, eventId, organizationId } = await arrangeCrewWorld(0);
    const organizerKey = (await api('POST', '/api/v1/api-keys', { token: planner.accessToken, body: {} })).body.data.key;
    const ready = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF }, eventId);
    const readyObject = objectUrl((await ph('GET', `/v1/documents/${ready.id}`, planner)).body.download_url);
    const pending = await announce(planner, { name: 'plot.pdf', type: 'application/pdf', bytes: PDF }, eventId);
    expect(await upload(pending.body.upload, PDF)).toBe(200);
    // act
    const deleted = await api('DELETE', `/api/v1/events/${eventId}`, { token: organizerKey });
    // assess
    expect(deleted.status).toBe(200);
    expect((await ph('GET', `/v1/documents/${ready.id}`, planner)).status).toBe(404);
    expect((await ph('GET', `/v1/documents/${pending.body.id}`, planner)).status).toBe(404);
    expect((await fetch(readyObject)).status).toBe(404);
    expect((await fetch(objectUrl(pending.body.upload.url))).status).toBe(404);
    const { client, tableName } = tableClient();
    const item = await client.send(new GetCommand({ TableName: tableName, Key: keys.document(organizationId, ready.id), ConsistentRead: true }));
    expect(item.Item?.status).toBe('deleted');
  });

  it('leaves no live document when a document is announced at the same time', async () => {
    for (let round = 0; round < 3; round++) {
      // prepare
      const { planner, eventId } = await arrangeCrewWorld(0);
      const organizerKey = (await api('POST', '/api/v1/api-keys', { token: planner.accessToken, body: {} })).body.data.key;
      // act
      const [deleted, announced] = await Promise.all([
        api('DELETE', `/api/v1/events/${eventId}`, { token: organizerKey }),
        announce(planner, { name: 'late.pdf', type: 'application/pdf', bytes: PDF }, eventId),
      ]);
      // assess
      expect(deleted.status).toBe(200);
      expect([201, 404]).toContain(announced.status);
      if (announced.status === 201) expect((await ph('GET', `/v1/documents/${announced.body.id}`, planner)).status).toBe(404);
    }
  });
});
