/**
 * The upload's `url` method: downloading a remote image safely.
 *
 * The network cannot be reached from this sandbox, so the happy paths run against stubs: the DNS
 * resolver and the HTTP transport are injected. The real https transport is also exercised against
 * a TLS server on loopback (a fixture certificate for `images.test`), with the stub resolver
 * pointing that name at 127.0.0.1 and private hosts explicitly allowed, which shows the connection
 * goes to the pinned address while the certificate is still verified against the host name.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  RemoteImageError,
  createHttpsTransport,
  downloadRemoteImage,
  type HostResolver,
  type HttpTransport,
  type ResolvedAddress,
  type TransportResponse,
} from '../../shared/store/images.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const MAX = 1024;

function resolverOf(table: Record<string, string[]>) {
  return vi.fn<HostResolver>(async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  });
}

interface Reply {
  status?: number;
  headers?: Record<string, string>;
  chunks?: Uint8Array[];
  /** Never answer (or stop mid-body after the chunks). */
  hang?: 'headers' | 'body';
}

function transportOf(replies: Record<string, Reply>) {
  const cancelled: string[] = [];
  const transport = vi.fn<HttpTransport>(async ({ url }) => {
    const reply = replies[url.href];
    if (!reply) throw new Error(`unexpected request to ${url.href}`);
    if (reply.hang === 'headers') return new Promise<TransportResponse>(() => undefined);
    return {
      status: reply.status ?? 200,
      header: (name) => reply.headers?.[name.toLowerCase()],
      body: (async function* () {
        for (const chunk of reply.chunks ?? []) yield chunk;
        if (reply.hang === 'body') await new Promise(() => undefined);
      })(),
      cancel: () => cancelled.push(url.href),
    };
  });
  return { transport, cancelled };
}

async function refusal(promise: Promise<unknown>): Promise<RemoteImageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RemoteImageError);
  return error as RemoteImageError;
}

afterEach(() => {
  delete process.env.UPLOAD_ALLOW_PRIVATE_HOSTS;
});

describe('downloadRemoteImage (stubbed DNS and transport)', () => {
  it('downloads the image, connecting to the address that was checked', async () => {
    const resolve = resolverOf({ 'images.example.com': ['93.184.216.34'] });
    const { transport } = transportOf({
      'https://images.example.com/cover.png': { chunks: [PNG.slice(0, 5), PNG.slice(5, 9), PNG.slice(9)] },
    });
    const bytes = await downloadRemoteImage('https://images.example.com/cover.png', { maxBytes: MAX, resolve, transport });
    expect(bytes).toEqual(PNG);
    expect(resolve).toHaveBeenCalledWith('images.example.com');
    const request = transport.mock.calls[0]![0];
    expect(request.address).toEqual({ address: '93.184.216.34', family: 4 });
    expect(request.headers).not.toHaveProperty('authorization');
    expect(request.signal).toBeInstanceOf(AbortSignal);
  });

  it('follows up to 3 redirects, resolving and checking every hop', async () => {
    const resolve = resolverOf({ 'a.example': ['93.184.216.34'], 'b.example': ['2606:4700:4700::1111'], 'c.example': ['1.1.1.1'] });
    const { transport, cancelled } = transportOf({
      'https://a.example/1': { status: 301, headers: { location: 'https://b.example/2' } },
      'https://b.example/2': { status: 302, headers: { location: '/3' } },
      'https://b.example/3': { status: 307, headers: { location: 'https://c.example/final.png' } },
      'https://c.example/final.png': { chunks: [PNG] },
    });
    expect(await downloadRemoteImage('https://a.example/1', { maxBytes: MAX, resolve, transport })).toEqual(PNG);
    expect(resolve.mock.calls.map(([host]) => host)).toEqual(['a.example', 'b.example', 'b.example', 'c.example']);
    expect(transport.mock.calls[1]![0].address).toEqual({ address: '2606:4700:4700::1111', family: 6 });
    expect(cancelled).toEqual(['https://a.example/1', 'https://b.example/2', 'https://b.example/3']);
  });

  it('refuses a 4th redirect', async () => {
    const resolve = resolverOf({ 'loop.example': ['93.184.216.34'] });
    const { transport } = transportOf({
      'https://loop.example/0': { status: 302, headers: { location: '/1' } },
      'https://loop.example/1': { status: 302, headers: { location: '/2' } },
      'https://loop.example/2': { status: 302, headers: { location: '/3' } },
      'https://loop.example/3': { status: 302, headers: { location: '/4' } },
    });
    const error = await refusal(downloadRemoteImage('https://loop.example/0', { maxBytes: MAX, resolve, transport }));
    expect(error.reason).toBe('too_many_redirects');
    expect(transport).toHaveBeenCalledTimes(4);
  });

  it.each([
    ['to a host name that resolves to a private address', 'https://internal.example/secret', 'forbidden_host'],
    ['to the metadata endpoint by IP', 'https://169.254.169.254/latest/meta-data/', 'forbidden_host'],
    ['to loopback by IPv6 literal', 'https://[::1]/admin', 'forbidden_host'],
    ['to localhost', 'https://localhost:8443/', 'forbidden_host'],
    ['to plain http', 'http://cdn.example/cover.png', 'not_https'],
    ['to a file URL', 'file:///etc/passwd', 'not_https'],
  ])('refuses a redirect %s without connecting there', async (_name, location, reason) => {
    const resolve = resolverOf({ 'public.example': ['93.184.216.34'], 'internal.example': ['10.0.0.7'] });
    const { transport } = transportOf({ 'https://public.example/cover.png': { status: 302, headers: { location } } });
    const error = await refusal(downloadRemoteImage('https://public.example/cover.png', { maxBytes: MAX, resolve, transport }));
    expect(error.reason).toBe(reason);
    expect(transport).toHaveBeenCalledTimes(1);
  });

  it('refuses a host with any private address among its answers', async () => {
    const resolve = resolverOf({ 'rebind.example': ['93.184.216.34', '127.0.0.1'] });
    const { transport } = transportOf({});
    const error = await refusal(downloadRemoteImage('https://rebind.example/x.png', { maxBytes: MAX, resolve, transport }));
    expect(error.reason).toBe('forbidden_host');
    expect(transport).not.toHaveBeenCalled();
  });

  it.each([
    ['http://images.example.com/cover.png', 'not_https'],
    ['https://user:pass@images.example.com/cover.png', 'credentials'],
    ['not a url', 'invalid_url'],
    ['https://10.1.2.3/cover.png', 'forbidden_host'],
    ['https://[fd00:ec2::254]/latest/meta-data/', 'forbidden_host'],
  ])('refuses %s before any lookup or connection', async (url, reason) => {
    const resolve = resolverOf({});
    const { transport } = transportOf({});
    const error = await refusal(downloadRemoteImage(url, { maxBytes: MAX, resolve, transport }));
    expect(error.reason).toBe(reason);
    expect(resolve).not.toHaveBeenCalled();
    expect(transport).not.toHaveBeenCalled();
  });

  it('reports a host name that does not resolve', async () => {
    const error = await refusal(downloadRemoteImage('https://nowhere.example/x.png', { maxBytes: MAX, resolve: resolverOf({}), transport: transportOf({}).transport }));
    expect(error.reason).toBe('unresolvable');
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const resolve = resolverOf({ 'big.example': ['93.184.216.34'] });
    const { transport, cancelled } = transportOf({ 'https://big.example/huge.png': { headers: { 'content-length': String(MAX + 1) }, chunks: [PNG] } });
    const error = await refusal(downloadRemoteImage('https://big.example/huge.png', { maxBytes: MAX, resolve, transport }));
    expect(error.reason).toBe('too_large');
    expect(cancelled).toEqual(['https://big.example/huge.png']);
  });

  it('aborts a streamed body as soon as it passes the limit, whatever Content-Length said', async () => {
    const resolve = resolverOf({ 'liar.example': ['93.184.216.34'] });
    const chunk = new Uint8Array(400);
    const { transport, cancelled } = transportOf({
      'https://liar.example/x.png': { headers: { 'content-length': '10' }, chunks: [chunk, chunk, chunk], hang: 'body' },
    });
    const error = await refusal(downloadRemoteImage('https://liar.example/x.png', { maxBytes: MAX, resolve, transport }));
    expect(error.reason).toBe('too_large');
    expect(cancelled).toHaveLength(1);
  });

  it('accepts exactly the limit', async () => {
    const resolve = resolverOf({ 'fit.example': ['93.184.216.34'] });
    const { transport } = transportOf({ 'https://fit.example/x.png': { chunks: [new Uint8Array(MAX)] } });
    expect((await downloadRemoteImage('https://fit.example/x.png', { maxBytes: MAX, resolve, transport })).byteLength).toBe(MAX);
  });

  it('reports an error status', async () => {
    const resolve = resolverOf({ 'gone.example': ['93.184.216.34'] });
    const { transport } = transportOf({ 'https://gone.example/x.png': { status: 404 } });
    const error = await refusal(downloadRemoteImage('https://gone.example/x.png', { maxBytes: MAX, resolve, transport }));
    expect(error).toMatchObject({ reason: 'http_status', status: 404 });
  });

  it.each([
    ['the server never answers', { hang: 'headers' } as Reply],
    ['the body stalls', { chunks: [PNG.slice(0, 4)], hang: 'body' } as Reply],
  ])('times out when %s', async (_name, reply) => {
    const resolve = resolverOf({ 'slow.example': ['93.184.216.34'] });
    const { transport } = transportOf({ 'https://slow.example/x.png': reply });
    const started = Date.now();
    const error = await refusal(downloadRemoteImage('https://slow.example/x.png', { maxBytes: MAX, timeoutMs: 100, resolve, transport }));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out when DNS never answers', async () => {
    const resolve: HostResolver = () => new Promise(() => undefined);
    const error = await refusal(downloadRemoteImage('https://dns.example/x.png', { maxBytes: MAX, timeoutMs: 100, resolve, transport: transportOf({}).transport }));
    expect(error.reason).toBe('timeout');
  });

  it('lets private hosts through only with UPLOAD_ALLOW_PRIVATE_HOSTS=true', async () => {
    const resolve = resolverOf({ 'dev.internal': ['192.168.1.10'] });
    const { transport } = transportOf({ 'https://dev.internal/x.png': { chunks: [PNG] } });
    expect((await refusal(downloadRemoteImage('https://dev.internal/x.png', { maxBytes: MAX, resolve, transport }))).reason).toBe('forbidden_host');
    process.env.UPLOAD_ALLOW_PRIVATE_HOSTS = 'true';
    expect(await downloadRemoteImage('https://dev.internal/x.png', { maxBytes: MAX, resolve, transport })).toEqual(PNG);
  });
});

// A self-signed certificate for images.test (valid to 2126), generated once with:
// openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
//   -subj "/CN=images.test" -addext "subjectAltName=DNS:images.test"
const CERT = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUWxp6WX76KtZBUK+W65m7xR1b7OYwCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLaW1hZ2VzLnRlc3QwIBcNMjYxMTIxMTkzNzE2WhgPMjEyNjEw
MjgxOTM3MTZaMBYxFDASBgNVBAMMC2ltYWdlcy50ZXN0MFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEc080pHJAwCCWqrN+HZPS823CfsUGxNgl+SIQ36gHp5yzHwPb
0jQ4gvdDWlW3RY6veWs0FvYJyCUNW4Z4g1OkJ6NrMGkwHQYDVR0OBBYEFKoWj+sV
XcjN5kpt7Hi0y4W2p9/6MB8GA1UdIwQYMBaAFKoWj+sVXcjN5kpt7Hi0y4W2p9/6
MA8GA1UdEwEB/wQFMAMBAf8wFgYDVR0RBA8wDYILaW1hZ2VzLnRlc3QwCgYIKoZI
zj0EAwIDRwAwRAIgMiH4BG7CZFNit9jQgaZ3U/8AtRmhS+BtCba03LEAXcMCIBsl
OZw23WnOkzMWnBMflReq3dERK/3n4W2YnnrB2HtD
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpE65Qd4Lku9ZzsKE
RbbxVaaDyFlugI1doi7BOwc/vzahRANCAARzTzSkckDAIJaqs34dk9LzbcJ+xQbE
2CX5IhDfqAennLMfA9vSNDiC90NaVbdFjq95azQW9gnIJQ1bhniDU6Qn
-----END PRIVATE KEY-----
`;

describe('downloadRemoteImage over real TLS (loopback server, pinned address)', () => {
  let server: Server;
  let port: number;
  const seenHosts: string[] = [];

  beforeAll(async () => {
    server = createServer({ cert: CERT, key: KEY }, (request, response) => {
      seenHosts.push(request.headers.host ?? '');
      if (request.url === '/cover.png') return void response.writeHead(200, { 'content-type': 'text/plain' }).end(PNG);
      if (request.url === '/moved') return void response.writeHead(302, { location: '/cover.png' }).end();
      if (request.url === '/huge') {
        response.writeHead(200, { 'content-type': 'image/png' });
        const chunk = Buffer.alloc(64 * 1024);
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        response.on('error', () => undefined);
        return pump();
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const options = () => ({
    maxBytes: MAX,
    allowPrivateHosts: true,
    resolve: resolverOf({ 'images.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] }),
    transport: createHttpsTransport({ ca: CERT }),
  });

  it('downloads through the pinned address with the host name kept for TLS and Host', async () => {
    expect(await downloadRemoteImage(`https://images.test:${port}/cover.png`, options())).toEqual(PNG);
    expect(seenHosts.at(-1)).toBe(`images.test:${port}`);
  });

  it('follows a redirect over the real transport', async () => {
    expect(await downloadRemoteImage(`https://images.test:${port}/moved`, options())).toEqual(PNG);
  });

  it('still verifies the certificate against the host name', async () => {
    const error = await refusal(downloadRemoteImage(`https://other.test:${port}/cover.png`, options()));
    expect(error.reason).toBe('network');
    expect(String((error.cause as Error).message)).toMatch(/altnames|certificate/i);
  });

  it('drops the connection of an endless body past the limit', async () => {
    const error = await refusal(downloadRemoteImage(`https://images.test:${port}/huge`, options()));
    expect(error.reason).toBe('too_large');
  });
});
