/**
 * POST /api/v1/upload and GET /api/v1/images/... through the local gateway, with images stored in
 * the cover-images bucket on fauxqs. The `url` method can only be tested for refusals here (no
 * internet in the sandbox); its happy path is in test/unit/upload-url.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { admin, api, baseUrl } from './support.ts';

const MAX = 4 * 1024 * 1024;
const UNAUTHORIZED = 'Unauthorized - Invalid or missing API key';

// Real 1x1 images.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><rect width="1" height="1"/></svg>');

/** A PNG signature padded to `size` bytes: enough for the sniffer, exact for size limits. */
const pngOfSize = (size: number) => Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(size - 8)]);

async function uploadFile(
  file: Buffer | string | null,
  options: { token?: string | null; type?: string; filename?: string; field?: string; extra?: (form: FormData) => void; headers?: Record<string, string> } = {},
) {
  const form = new FormData();
  if (typeof file === 'string') form.append(options.field ?? 'file', file);
  else if (file) form.append(options.field ?? 'file', new Blob([file], { type: options.type ?? 'application/octet-stream' }), options.filename ?? 'image.bin');
  options.extra?.(form);
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? admin().apiKey : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${baseUrl()}/api/v1/upload`, { method: 'POST', body: form, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const uploadJson = (body: unknown, options: { token?: string; headers?: Record<string, string> } = {}) =>
  api('POST', '/api/v1/upload', { token: options.token ?? admin().apiKey, body, headers: options.headers });

async function download(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const PATHNAME = /^events\/user_admin\/\d{13}-[0-9a-f]{16}\.(jpg|png|gif|webp)$/;

describe('POST /api/v1/upload (multipart/form-data)', () => {
  it('stores a PNG and serves it back, byte for byte, publicly', async () => {
    // act
    const response = await uploadFile(PNG, { type: 'image/png', filename: 'mon-image.png' });
    // assess
    expect(response.status).toBe(201);
    const { url, pathname } = response.body.data;
    expect(Object.keys(response.body.data).sort()).toEqual(['pathname', 'url']);
    expect(pathname).toMatch(PATHNAME);
    expect(pathname.endsWith('.png')).toBe(true);
    expect(url).toBe(`${baseUrl()}/api/v1/images/${pathname}`);

    const image = await download(url); // no Authorization: event pages show it to anyone
    expect(image.status).toBe(200);
    expect(image.bytes.equals(PNG)).toBe(true);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('etag')).toBeTruthy();
  });

  it('answers 304 to a revalidation with the ETag', async () => {
    const { url } = (await uploadFile(GIF, { type: 'image/gif' })).body.data;
    const first = await download(url);
    const again = await download(url, { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
  });

  it('trusts the bytes, not the declared type or file name', async () => {
    const response = await uploadFile(PNG, { type: 'image/jpeg', filename: 'photo.jpg' });
    expect(response.status).toBe(201);
    expect(response.body.data.pathname.endsWith('.png')).toBe(true);
    expect((await download(response.body.data.url)).headers.get('content-type')).toBe('image/png');
  });

  it.each([
    ['JPEG', JPEG, 'jpg', 'image/jpeg'],
    ['GIF', GIF, 'gif', 'image/gif'],
    ['WebP', WEBP, 'webp', 'image/webp'],
  ])('accepts %s', async (_name, bytes, ext, type) => {
    const response = await uploadFile(bytes);
    expect(response.status).toBe(201);
    expect(response.body.data.pathname.endsWith(`.${ext}`)).toBe(true);
    const image = await download(response.body.data.url);
    expect(image.bytes.equals(bytes)).toBe(true);
    expect(image.headers.get('content-type')).toBe(type);
  });

  it('accepts an image of exactly 4 MB', async () => {
    const response = await uploadFile(pngOfSize(MAX), { type: 'image/png' });
    expect(response.status).toBe(201);
    expect((await download(response.body.data.url)).bytes.length).toBe(MAX);
  });

  it('refuses 4 MB + 1 byte with 413', async () => {
    const response = await uploadFile(pngOfSize(MAX + 1), { type: 'image/png' });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: 'Image trop volumineuse (max 4 MB)' });
  });

  it.each([
    ['an SVG disguised as a PNG', SVG, 'image/png', 'cover.png'],
    ['an SVG declared as SVG', SVG, 'image/svg+xml', 'cover.svg'],
    ['a text file disguised as a JPEG', Buffer.from('just some text, not a picture'), 'image/jpeg', 'cover.jpg'],
    ['an HTML page disguised as a GIF', Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/gif', 'cover.gif'],
  ])('refuses %s', async (_name, bytes, type, filename) => {
    const response = await uploadFile(bytes, { type, filename });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'Format non supporté : JPEG, PNG, GIF ou WebP uniquement' });
  });

  it('speaks English on request', async () => {
    const response = await uploadFile(SVG, { type: 'image/png', headers: { 'accept-language': 'en' } });
    expect(response.body).toEqual({ error: 'Unsupported format: JPEG, PNG, GIF or WebP only' });
  });

  it.each([
    ['no file field at all', null, {}],
    ['the image under another field name', PNG, { field: 'image' }],
    ['`file` as a text field', 'iVBORw0KGgo', {}],
    ['an empty file', Buffer.alloc(0), {}],
  ])('refuses %s with 400', async (_name, file, options) => {
    const response = await uploadFile(file as Buffer | string | null, { ...options, extra: (form) => form.append('title', 'x') });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/^Aucune image fournie/);
  });

  it('refuses two files at once', async () => {
    const response = await uploadFile(PNG, { extra: (form) => form.append('file', new Blob([GIF]), 'b.gif') });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'Une seule image par requête' });
  });

  it('refuses a malformed multipart body', async () => {
    const response = await api('POST', '/api/v1/upload', {
      token: admin().apiKey,
      rawBody: 'not really multipart',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'Corps multipart/form-data mal formé' });
  });

  it('refuses an anonymous caller with the seed message, before reading the image', async () => {
    const response = await uploadFile(PNG, { token: null });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: UNAUTHORIZED });
  });

  it('refuses an invalid API key with the seed message', async () => {
    const response = await uploadFile(PNG, { token: 'elk_not-a-real-key' });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: UNAUTHORIZED });
  });
});

describe('POST /api/v1/upload (JSON)', () => {
  it('stores a base64 data URL', async () => {
    const response = await uploadJson({ base64: `data:image/png;base64,${PNG.toString('base64')}` });
    expect(response.status).toBe(201);
    expect(response.body.data.pathname).toMatch(PATHNAME);
    const image = await download(response.body.data.url);
    expect(image.bytes.equals(PNG)).toBe(true);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('ignores the data URL\'s declared type: a GIF labelled PNG is a GIF', async () => {
    const response = await uploadJson({ base64: `data:image/png;base64,${GIF.toString('base64')}` });
    expect(response.status).toBe(201);
    expect(response.body.data.pathname.endsWith('.gif')).toBe(true);
  });

  it('refuses an SVG data URL, base64 or not', async () => {
    const encoded = await uploadJson({ base64: `data:image/svg+xml;base64,${SVG.toString('base64')}` });
    expect(encoded.status).toBe(400);
    expect(encoded.body).toEqual({ error: 'Format non supporté : JPEG, PNG, GIF ou WebP uniquement' });
    const plain = await uploadJson({ base64: `data:image/svg+xml,${SVG.toString()}` });
    expect(plain.status).toBe(400);
    expect(plain.body.details).toEqual([{ field: 'base64', message: 'Base64 invalide' }]);
  });

  it('refuses a base64 image of 4 MB + 1 byte with 413', async () => {
    const response = await uploadJson({ base64: `data:image/png;base64,${pngOfSize(MAX + 1).toString('base64')}` });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: 'Image trop volumineuse (max 4 MB)' });
  });

  it.each([
    ['an empty object', {}, 'Aucune image fournie'],
    ['both methods at once', { url: 'https://example.com/a.png', base64: PNG.toString('base64') }, 'Envoyez soit `url`, soit `base64`, pas les deux'],
    ['an unknown field beside the image', { base64: PNG.toString('base64'), name: 'x' }, 'Données invalides'],
    ['a non-string url', { url: 42 }, 'Données invalides'],
    ['an array', [PNG.toString('base64')], 'Aucune image fournie'],
  ])('refuses %s with 400', async (_name, body, message) => {
    const response = await uploadJson(body);
    expect(response.status).toBe(400);
    expect(response.body.error.startsWith(message)).toBe(true);
  });

  it('refuses malformed JSON', async () => {
    const response = await api('POST', '/api/v1/upload', { token: admin().apiKey, rawBody: '{"base64": ', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'JSON mal formé' });
  });

  it('refuses another content type with 415, and an empty body with 400', async () => {
    const text = await api('POST', '/api/v1/upload', { token: admin().apiKey, rawBody: PNG.toString('base64'), headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body).toEqual({ error: 'Content-Type doit être multipart/form-data ou application/json' });
    const empty = await api('POST', '/api/v1/upload', { token: admin().apiKey });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/^Aucune image fournie/);
  });

  it('refuses an anonymous caller with the seed message', async () => {
    const response = await api('POST', '/api/v1/upload', { body: { base64: PNG.toString('base64') } });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: UNAUTHORIZED });
  });
});

describe('POST /api/v1/upload (url): refusals (no internet here)', () => {
  it.each([
    ['plain http', 'http://example.com/image.jpg', 'URL refusée : seules les URL https sont acceptées'],
    ['loopback by IP', 'https://127.0.0.1/image.png', "URL refusée : l'hôte désigne une adresse privée, locale ou réservée"],
    ['loopback as a decimal number', 'https://2130706433/image.png', "URL refusée : l'hôte désigne une adresse privée, locale ou réservée"],
    ['localhost', 'https://localhost/image.png', "URL refusée : l'hôte désigne une adresse privée, locale ou réservée"],
    ['IPv6 loopback', 'https://[::1]/image.png', "URL refusée : l'hôte désigne une adresse privée, locale ou réservée"],
    ['a private network address', 'https://10.0.0.12/image.png', "URL refusée : l'hôte désigne une adresse privée, locale ou réservée"],
    ['the cloud metadata endpoint', 'https://169.254.169.254/latest/meta-data/', "URL refusée : l'hôte désigne une adresse privée, locale ou réservée"],
    ['the local gateway itself', () => `${baseUrl()}/api/v1/openapi`, 'URL refusée : seules les URL https sont acceptées'],
    ['credentials in the URL', 'https://user:secret@example.com/image.png', "URL refusée : identifiants interdits dans l'URL"],
    ['a file URL', 'file:///etc/passwd', 'URL refusée : seules les URL https sont acceptées'],
    ['something that is not a URL', 'example.com/image.png', 'URL invalide'],
  ])('refuses %s', async (_name, url, message) => {
    const response = await uploadJson({ url: typeof url === 'function' ? url() : url });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe(message);
    expect(response.body.details).toEqual([{ field: 'url', message: expect.any(String) }]);
  });
});

describe('GET /api/v1/images/...', () => {
  it('answers 404 in the EventLite envelope for an image that does not exist', async () => {
    const response = await api('GET', '/api/v1/images/events/user_admin/1742461200000-0123456789abcdef.png');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Image introuvable' });
  });

  it.each([
    '/api/v1/images/events/user_admin/..%2F..%2Fsecret.png',
    '/api/v1/images/events/..%2Friders/1742461200000-0123456789abcdef.png',
    '/api/v1/images/events/user_admin/1742461200000-0123456789abcdef.svg',
    '/api/v1/images/events/user_admin/notes.txt',
  ])('never reaches another key: %s is 404', async (path) => {
    const response = await api('GET', path);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Image introuvable' });
  });
});

describe('the seed workflow: upload, then use the URL as coverImage', () => {
  it('creates an event whose coverImage is the uploaded image', async () => {
    const { url } = (await uploadJson({ base64: `data:image/png;base64,${PNG.toString('base64')}` })).body.data;
    const created = await api('POST', '/api/v1/events', {
      token: admin().apiKey,
      body: { title: 'Conférence avec image', mode: 'ONLINE', startAt: '2025-03-20T09:00:00Z', coverImage: url },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.coverImage).toBe(url);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const document = (await api('GET', '/api/v1/openapi')).body;
    expect(document.paths['/api/v1/upload'].post.operationId).toBe('UploadImage');
    expect(document.paths['/api/v1/upload'].post.description).toContain('multipart/form-data');
    expect(document.paths['/api/v1/images/events/{userId}/{file}'].get.security).toEqual([]);
  });
});
