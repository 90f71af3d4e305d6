/**
 * Event documents (docs/documents.md) through the local gateway, DynamoDB Local and the fauxqs S3
 * emulator: announce, upload to the presigned URL, complete (size and magic bytes), download,
 * versions, delete, and who may do what. Each test has an organisation of its own.
 */
import { describe, expect, it } from 'vitest';
import { arrangeSpecWorld, ph } from './shifts-world.ts';
import { joinOrganization, outsider } from './support.ts';
import { announce, PDF, PNG, readyDocument, sha256, SVG, upload } from './documents-support.ts';

describe('uploading a document', () => {
  it('announces, uploads to a server-chosen key, completes with the SHA-256, and serves a presigned download', async () => {
    // prepare
    const { planner } = await arrangeSpecWorld();
    // act
    const announced = await announce(planner, { name: 'Rider Jazz Quartet.pdf', type: 'application/pdf', bytes: PDF });
    const uploaded = await upload(announced.body.upload, PDF);
    const completed = await ph('POST', `/v1/documents/${announced.body.id}/complete`, planner);
    const read = await ph('GET', `/v1/documents/${announced.body.id}`, planner);
    const downloaded = await fetch(read.body.download_url);
    const bytes = Buffer.from(await downloaded.arrayBuffer());
    // assess
    expect(announced.status).toBe(201);
    expect(announced.body).toMatchObject({
      id: expect.stringMatching(/^doc_[0-9a-f]{20}$/),
      event_id: 'event_456',
      kind: 'technical_rider',
      file_name: 'Rider Jazz Quartet.pdf',
      content_type: 'application/pdf',
      size: PDF.length,
      status: 'pending',
      upload: { method: 'PUT', headers: { 'Content-Type': 'application/pdf', 'Content-Length': String(PDF.length) } },
    });
    const uploadUrl = new URL(announced.body.upload.url);
    expect(uploadUrl.pathname).toContain(`/documents/${planner.organizationId}/event_456/${announced.body.id}/v1-`);
    expect(uploadUrl.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(uploaded).toBe(200);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'ready', version: 1, sha256: sha256(PDF), size: PDF.length, pending_version: null });
    expect(read.status).toBe(200);
    expect(read.body.sha256).toBe(sha256(PDF));
    const downloadUrl = new URL(read.body.download_url);
    expect(downloadUrl.searchParams.get('response-content-disposition')).toBe(`inline; filename="Rider Jazz Quartet.pdf"; filename*=UTF-8''Rider%20Jazz%20Quartet.pdf`);
    expect(Number(downloadUrl.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    expect(downloaded.status).toBe(200);
    expect(bytes.equals(PDF)).toBe(true);
  });

  it('refuses a file whose bytes are not the announced type (422 DOCUMENT_REJECTED) and deletes it', async () => {
    // prepare
    const { planner } = await arrangeSpecWorld();
    const disguised = Buffer.concat([PNG, Buffer.alloc(Math.max(0, 64 - PNG.length))]);
    const announced = await announce(planner, { name: 'plan.pdf', type: 'application/pdf', bytes: disguised });
    await upload(announced.body.upload, disguised);
    // act
    const completed = await ph('POST', `/v1/documents/${announced.body.id}/complete`, planner);
    const after = await fetch(announced.body.upload.url.replace(/\?.*$/, ''));
    const read = await ph('GET', `/v1/documents/${announced.body.id}`, planner);
    // assess
    expect(completed.status).toBe(422);
    expect(completed.body.error).toMatchObject({ code: 'DOCUMENT_REJECTED', details: { reason: 'type_mismatch' } });
    expect(after.status).toBe(404);
    expect(read.body).toMatchObject({ status: 'rejected', download_url: null, sha256: null });
  });

  it('refuses a file of another size than announced, and an unknown format', async () => {
    // prepare
    const { planner } = await arrangeSpecWorld();
    const short = await announce(planner, { name: 'short.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.from('padding')]) });
    await upload({ ...short.body.upload, headers: { 'Content-Type': 'application/pdf' } }, PDF);
    const text = Buffer.from('just some text, not a plan at all\n');
    const unknown = await announce(planner, { name: 'notes.png', type: 'image/png', bytes: text });
    await upload(unknown.body.upload, text);
    // act
    const shortCompleted = await ph('POST', `/v1/documents/${short.body.id}/complete`, planner);
    const unknownCompleted = await ph('POST', `/v1/documents/${unknown.body.id}/complete`, planner);
    // assess
    expect(shortCompleted.status).toBe(422);
    expect(shortCompleted.body.error.details).toEqual({ reason: 'size_mismatch' });
    expect(unknownCompleted.status).toBe(422);
    expect(unknownCompleted.body.error.details).toEqual({ reason: 'unrecognised' });
  });

  it('answers 409 DOCUMENT_NOT_UPLOADED before the upload, and keeps the upload open', async () => {
    // prepare
    const { planner } = await arrangeSpecWorld();
    const announced = await announce(planner, { name: 'plot.png', type: 'image/png', bytes: PNG, kind: 'stage_plot' });
    // act
    const early = await ph('POST', `/v1/documents/${announced.body.id}/complete`, planner);
    await upload(announced.body.upload, PNG);
    const later = await ph('POST', `/v1/documents/${announced.body.id}/complete`, planner);
    // assess
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('DOCUMENT_NOT_UPLOADED');
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ status: 'ready', kind: 'stage_plot', content_type: 'image/png' });
  });

  it('refuses bad announcements with a 400 naming the field, and files over 50 MB', async () => {
    // prepare
    const { planner } = await arrangeSpecWorld();
    // act
    const tooLarge = await ph('POST', '/v1/events/event_456/documents', planner, { kind: 'other', file_name: 'big.pdf', content_type: 'application/pdf', size: 50 * 1024 * 1024 + 1 });
    const badType = await ph('POST', '/v1/events/event_456/documents', planner, { kind: 'other', file_name: 'a.gif', content_type: 'image/gif', size: 10 });
    const badName = await ph('POST', '/v1/events/event_456/documents', planner, { kind: 'other', file_name: '../etc/passwd', content_type: 'application/pdf', size: 10 });
    const noEvent = await ph('POST', '/v1/events/event_nope/documents', planner, { kind: 'other', file_name: 'a.pdf', content_type: 'application/pdf', size: 10 });
    // assess
    expect(tooLarge.status).toBe(400);
    expect(JSON.stringify(tooLarge.body.error.details)).toContain('size');
    expect(badType.status).toBe(400);
    expect(JSON.stringify(badType.body.error.details)).toContain('content_type');
    expect(badName.status).toBe(400);
    expect(JSON.stringify(badName.body.error.details)).toContain('file_name');
    expect(noEvent.status).toBe(404);
  });
});

describe('reading documents', () => {
  it('serves SVG only as an attachment', async () => {
    // prepare
    const { planner } = await arrangeSpecWorld();
    const document = await readyDocument(planner, { name: 'cable plan.svg', type: 'image/svg+xml', bytes: SVG, kind: 'cable_plan' });
    // act
    const read = await ph('GET', `/v1/documents/${document.id}`, planner);
    // assess
    expect(new URL(read.body.download_url).searchParams.get('response-content-disposition')).toMatch(/^attachment; filename="cable plan.svg"/);
    expect(read.body.content_type).toBe('image/svg+xml');
  });

  it('lets crew read and list, and only planners upload, replace and delete', async () => {
    // prepare
    const { planner, organizationId } = await arrangeSpecWorld();
    const technician = await joinOrganization({ id: organizationId, adminToken: planner.accessToken }, ['technician']);
    const crew = { accessToken: technician.token, organizationId };
    const document = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF });
    // act
    const read = await ph('GET', `/v1/documents/${document.id}`, crew);
    const listed = await ph('GET', '/v1/events/event_456/documents', crew);
    const created = await announce(crew, { name: 'mine.pdf', type: 'application/pdf', bytes: PDF });
    const replaced = await ph('POST', `/v1/documents/${document.id}/versions`, crew, { file_name: 'x.pdf', content_type: 'application/pdf', size: PDF.length });
    const deleted = await ph('DELETE', `/v1/documents/${document.id}`, crew);
    const foreign = await ph('GET', `/v1/documents/${document.id}`, outsider());
    // assess
    expect(read.status).toBe(200);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((entry: { id: string }) => entry.id)).toEqual([document.id]);
    expect([created.status, replaced.status, deleted.status]).toEqual([403, 403, 403]);
    expect(foreign.status).toBe(404);
  });

  it('answers 304 to If-None-Match while the document is unchanged, 200 once replaced', async () => {
    // prepare
    const { planner } = await arrangeSpecWorld();
    const document = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF });
    const first = await ph('GET', `/v1/documents/${document.id}`, planner);
    const etag = first.headers.get('etag')!;
    // act
    const same = await ph('GET', `/v1/documents/${document.id}`, planner, undefined, { 'if-none-match': etag });
    await ph('POST', `/v1/documents/${document.id}/versions`, planner, { file_name: 'rider v2.pdf', content_type: 'application/pdf', size: PDF.length });
    const changed = await ph('GET', `/v1/documents/${document.id}`, planner, undefined, { 'if-none-match': etag });
    // assess
    expect(etag).toMatch(/^W\/".+"$/);
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});

describe('versions and deletion', () => {
  it('keeps earlier versions listed and downloadable after a replacement', async () => {
    // prepare
    const { planner } = await arrangeSpecWorld();
    const document = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF });
    const v2 = Buffer.concat([PDF, Buffer.from('% revised\n')]);
    // act
    const announced = await ph('POST', `/v1/documents/${document.id}/versions`, planner, { file_name: 'rider-v2.pdf', content_type: 'application/pdf', size: v2.length });
    const during = await ph('GET', `/v1/documents/${document.id}`, planner);
    await upload(announced.body.upload, v2);
    const completed = await ph('POST', `/v1/documents/${document.id}/complete`, planner);
    const versions = await ph('GET', `/v1/documents/${document.id}/versions`, planner);
    const oldBytes = Buffer.from(await (await fetch(versions.body.data[1].download_url)).arrayBuffer());
    // assess
    expect(announced.status).toBe(201);
    expect(announced.body).toMatchObject({ status: 'ready', version: 1, pending_version: 2 });
    expect(during.body).toMatchObject({ version: 1, sha256: sha256(PDF), file_name: 'rider.pdf' });
    expect(completed.body).toMatchObject({ version: 2, sha256: sha256(v2), file_name: 'rider-v2.pdf' });
    expect(versions.body.data.map((entry: { version: number; sha256: string }) => [entry.version, entry.sha256])).toEqual([
      [2, sha256(v2)],
      [1, sha256(PDF)],
    ]);
    expect(oldBytes.equals(PDF)).toBe(true);
  });

  it('deletes a document: 204, then 404 and gone from the list and the bucket', async () => {
    // prepare
    const { planner } = await arrangeSpecWorld();
    const document = await readyDocument(planner, { name: 'rider.pdf', type: 'application/pdf', bytes: PDF });
    const url = (await ph('GET', `/v1/documents/${document.id}`, planner)).body.download_url;
    // act
    const deleted = await ph('DELETE', `/v1/documents/${document.id}`, planner);
    const read = await ph('GET', `/v1/documents/${document.id}`, planner);
    const listed = await ph('GET', '/v1/events/event_456/documents', planner);
    const object = await fetch(url);
    // assess
    expect(deleted.status).toBe(204);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('NOT_FOUND');
    expect(listed.body.data).toEqual([]);
    expect(object.status).toBe(404);
  });
});
