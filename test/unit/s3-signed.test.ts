/**
 * shared/store/s3-signed.ts: S3 PutObject / GetObject as SigV4-signed fetch calls.
 *
 * Nothing is mocked. The signer is checked against AWS's published S3 example, then real calls go
 * to an HTTP server on loopback that records each request and checks its signature the way S3
 * does, with an independent SigV4 implementation written here on node:crypto (canonical request,
 * string to sign, derived key), so the module cannot pass by agreeing with itself.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3ChecksumMismatchError, S3RequestError, createS3Signed, objectUrl, s3, s3Signer, signS3Request } from '../../shared/store/s3-signed.ts';

const ACCESS_KEY = 'AKIDLOCALTEST0000001';
const SECRET_KEY = 'local/test/secret/key/0000000000000000000';
const SESSION_TOKEN = 'local-session-token';
const NOW = new Date('2026-01-02T03:04:05Z');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const sha256Base64 = (data: Buffer | string) => createHash('sha256').update(data).digest('base64');
const crc32Base64 = (data: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString('base64');
};

// ---------------------------------------------------------------------------------------------
// A local S3 stand-in: records requests, answers from a queue, verifies signatures.
// ---------------------------------------------------------------------------------------------

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

let server: Server;
let endpoint: string;
const requests: Recorded[] = [];
const answers: Answer[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method!, path: request.url!, headers: request.headers, body: Buffer.concat(chunks) });
      const answer = answers.shift() ?? { status: 200 };
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  requests.length = 0;
  answers.length = 0;
  vi.unstubAllEnvs();
});

const client = (overrides: { sessionToken?: string } = {}) =>
  createS3Signed({
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, sessionToken: overrides.sessionToken },
    region: 'eu-west-3',
    endpoint: () => endpoint,
    now: () => NOW,
  });

interface Authorization {
  accessKeyId: string;
  scope: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string | undefined): Authorization {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) throw new Error(`not a SigV4 Authorization header: ${header}`);
  return { accessKeyId: match[1]!, scope: match[2]!, signedHeaders: match[3]!.split(';'), signature: match[4]! };
}

/** What S3 does with a header-signed request, written from the SigV4 specification. */
function expectedSignature(request: Recorded, secretKey: string): string {
  const auth = parseAuthorization(request.headers.authorization);
  const [date, region, service, terminator] = auth.scope.split('/') as [string, string, string, string];
  const canonicalHeaders = auth.signedHeaders.map((name) => `${name}:${String(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const [path, query = ''] = request.path.split('?') as [string, string?];
  const canonicalRequest = [request.method, path, query, canonicalHeaders, auth.signedHeaders.join(';'), request.headers['x-amz-content-sha256']].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', request.headers['x-amz-date'], auth.scope, sha256Hex(canonicalRequest)].join('\n');
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, date), region), service), terminator);
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

const s3ErrorXml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>REQ123</RequestId><HostId>host</HostId></Error>`;

// ---------------------------------------------------------------------------------------------

describe('signS3Request', () => {
  it("matches AWS's published S3 example (GET Object, header-signed)", async () => {
    // arrange: https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "GET Object"
    const signer = s3Signer({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
    // act
    const headers = await signS3Request(
      signer,
      { method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { range: 'bytes=0-9' } },
      new Date('2013-05-24T00:00:00Z'),
    );
    // assess
    expect(headers.host).toBe('examplebucket.s3.amazonaws.com');
    expect(headers['x-amz-content-sha256']).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(parseAuthorization(headers.authorization)).toEqual({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      scope: '20130524/us-east-1/s3/aws4_request',
      signedHeaders: ['host', 'range', 'x-amz-content-sha256', 'x-amz-date'],
      signature: 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    });
  });
});

describe('objectUrl', () => {
  it('is virtual-hosted on the regional AWS endpoint without an endpoint override', () => {
    expect(objectUrl('stagecrew-cover-images', 'events/user_1/1742461200000-9f2c4e1a7b3d5c60.png', 'eu-west-3').href).toBe(
      'https://stagecrew-cover-images.s3.eu-west-3.amazonaws.com/events/user_1/1742461200000-9f2c4e1a7b3d5c60.png',
    );
  });

  it('is path-style under an endpoint override (an emulator), whatever its trailing slash', () => {
    expect(objectUrl('cover-images', 'events/a.png', 'eu-west-3', 'http://127.0.0.1:4566/').href).toBe('http://127.0.0.1:4566/cover-images/events/a.png');
  });

  it('falls back to path-style for a bucket name with dots (the wildcard certificate does not cover it)', () => {
    expect(objectUrl('my.bucket', 'a.png', 'eu-west-3').href).toBe('https://s3.eu-west-3.amazonaws.com/my.bucket/a.png');
  });

  it('escapes each key segment as the SDK does and refuses keys the URL parser would rewrite', () => {
    expect(objectUrl('b-1', "dir/a b+c(1)*!'.png", 'eu-west-3').pathname).toBe('/dir/a%20b%2Bc%281%29%2A%21%27.png');
    expect(() => objectUrl('b-1', 'events/../secret', 'eu-west-3')).toThrow(/cannot be addressed/);
    expect(() => objectUrl('b-1', 'a.png', 'eu-west-3.evil.com/')).toThrow(/invalid region/);
  });
});

describe('putObject', () => {
  it('sends one PUT whose signature, payload hash and checksum check out, with the body byte for byte', async () => {
    // act
    const result = await client({ sessionToken: SESSION_TOKEN }).putObject({
      bucket: 'cover-images',
      key: 'events/user_1/1742461200000-9f2c4e1a7b3d5c60.png',
      body: new Uint8Array(PNG),
      contentType: 'image/png',
      cacheControl: 'public, max-age=31536000, immutable',
      metadata: { 'organization-id': 'org_1', 'user-id': 'auth0%7Cabc' },
    });
    // assess
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.method).toBe('PUT');
    expect(request.path).toBe('/cover-images/events/user_1/1742461200000-9f2c4e1a7b3d5c60.png');
    expect(request.body.equals(PNG)).toBe(true);
    expect(request.headers.host).toBe(new URL(endpoint).host);
    expect(request.headers['content-type']).toBe('image/png');
    expect(request.headers['content-length']).toBe(String(PNG.length));
    expect(request.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(request.headers['x-amz-meta-organization-id']).toBe('org_1');
    expect(request.headers['x-amz-meta-user-id']).toBe('auth0%7Cabc');
    // The payload is signed (not UNSIGNED-PAYLOAD): the SHA-256 of the bytes actually received.
    expect(request.headers['x-amz-content-sha256']).toBe(sha256Hex(request.body));
    expect(request.headers['x-amz-checksum-sha256']).toBe(sha256Base64(request.body));
    expect(request.headers['x-amz-date']).toBe('20260102T030405Z');
    expect(request.headers['x-amz-security-token']).toBe(SESSION_TOKEN);

    const auth = parseAuthorization(request.headers.authorization);
    expect(auth.accessKeyId).toBe(ACCESS_KEY);
    expect(auth.scope).toBe('20260102/eu-west-3/s3/aws4_request');
    expect(auth.signedHeaders).toEqual(
      expect.arrayContaining(['content-type', 'host', 'x-amz-checksum-sha256', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-meta-organization-id', 'x-amz-meta-user-id', 'x-amz-security-token']),
    );
    expect(auth.signature).toBe(expectedSignature(request, SECRET_KEY));
    expect(result).toEqual({ etag: undefined });
  });

  it("turns S3's error answer into an S3RequestError named after S3's code, without retrying a client error", async () => {
    // arrange
    answers.push({ status: 403, headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'REQ403' }, body: s3ErrorXml('AccessDenied', 'Access Denied') });
    // act
    const error = await client()
      .putObject({ bucket: 'cover-images', key: 'events/a.png', body: new Uint8Array(PNG), contentType: 'image/png' })
      .catch((caught: unknown) => caught);
    // assess
    expect(error).toBeInstanceOf(S3RequestError);
    expect(error).toMatchObject({ name: 'AccessDenied', code: 'AccessDenied', status: 403, requestId: 'REQ403', $metadata: { httpStatusCode: 403, attempts: 1 } });
    expect((error as Error).message).toBe('S3 PutObject cover-images/events/a.png: AccessDenied (HTTP 403): Access Denied [request id REQ403]');
    expect(requests).toHaveLength(1);
  });

  it('retries a transient 500 like the SDK, signing each attempt', async () => {
    // arrange
    answers.push({ status: 500, body: s3ErrorXml('InternalError', 'We encountered an internal error. Please try again.') }, { status: 200, headers: { etag: '"abc"' } });
    // act
    const result = await client().putObject({ bucket: 'cover-images', key: 'events/a.png', body: new Uint8Array(PNG), contentType: 'image/png' });
    // assess
    expect(result).toEqual({ etag: '"abc"' });
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.body.equals(PNG)).toBe(true);
      expect(parseAuthorization(request.headers.authorization).signature).toBe(expectedSignature(request, SECRET_KEY));
    }
  });

  it('gives up after 3 attempts', async () => {
    // arrange
    for (let i = 0; i < 3; i++) answers.push({ status: 503, body: s3ErrorXml('ServiceUnavailable', 'Please reduce your request rate.') });
    // act
    const error = await client()
      .putObject({ bucket: 'cover-images', key: 'events/a.png', body: new Uint8Array(PNG), contentType: 'image/png' })
      .catch((caught: unknown) => caught);
    // assess
    expect(error).toMatchObject({ name: 'ServiceUnavailable', status: 503, $metadata: { attempts: 3 } });
    expect(requests).toHaveLength(3);
  });
});

describe('getObject', () => {
  it('sends a signed GET asking for the checksum, and returns the bytes and their metadata', async () => {
    // arrange
    answers.push({
      status: 200,
      headers: {
        'content-type': 'image/png',
        etag: '"e1"',
        'last-modified': 'Fri, 02 Jan 2026 03:04:05 GMT',
        'x-amz-checksum-sha256': sha256Base64(PNG),
      },
      body: PNG,
    });
    // act
    const object = await client().getObject({ bucket: 'cover-images', key: 'events/a.png', ifNoneMatch: '"e0"' });
    // assess
    expect(Buffer.from(object.bytes).equals(PNG)).toBe(true);
    expect(object).toMatchObject({ contentType: 'image/png', etag: '"e1"', lastModified: new Date('2026-01-02T03:04:05Z') });
    const request = requests[0]!;
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/cover-images/events/a.png');
    expect(request.headers['if-none-match']).toBe('"e0"');
    expect(request.headers['x-amz-checksum-mode']).toBe('ENABLED');
    expect(request.headers['x-amz-content-sha256']).toBe(sha256Hex(''));
    expect(parseAuthorization(request.headers.authorization).signedHeaders).toEqual(
      expect.arrayContaining(['host', 'if-none-match', 'x-amz-checksum-mode', 'x-amz-content-sha256', 'x-amz-date']),
    );
    expect(parseAuthorization(request.headers.authorization).signature).toBe(expectedSignature(request, SECRET_KEY));
  });

  it('accepts a CRC32 checksum (objects the SDK uploaded) and refuses a body that matches neither', async () => {
    answers.push({ status: 200, headers: { 'x-amz-checksum-crc32': crc32Base64(PNG) }, body: PNG });
    await expect(client().getObject({ bucket: 'b-1', key: 'a.png' })).resolves.toMatchObject({ bytes: new Uint8Array(PNG) });

    answers.push({ status: 200, headers: { 'x-amz-checksum-sha256': sha256Base64('something else') }, body: PNG });
    await expect(client().getObject({ bucket: 'b-1', key: 'a.png' })).rejects.toBeInstanceOf(S3ChecksumMismatchError);
  });

  it('reports 304 and NoSuchKey as S3RequestErrors with their status, once each', async () => {
    answers.push({ status: 304 }, { status: 404, body: s3ErrorXml('NoSuchKey', 'The specified key does not exist.') });
    await expect(client().getObject({ bucket: 'b-1', key: 'a.png', ifNoneMatch: '"e1"' })).rejects.toMatchObject({ status: 304, name: 'NotModified' });
    await expect(client().getObject({ bucket: 'b-1', key: 'b.png' })).rejects.toMatchObject({ status: 404, name: 'NoSuchKey' });
    expect(requests).toHaveLength(2);
  });
});

describe('the shared instance', () => {
  it("signs with the DynamoDB client's credentials and region, path-style on AWS_ENDPOINT_URL_S3", async () => {
    // arrange: what Lambda puts in the environment; the DynamoDB client resolves it lazily.
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENV000000001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-from-env');
    vi.stubEnv('AWS_SESSION_TOKEN', 'token-from-env');
    vi.stubEnv('AWS_ENDPOINT_URL_S3', endpoint);
    // act
    await s3.putObject({ bucket: 'cover-images', key: 'events/a.png', body: new Uint8Array(PNG), contentType: 'image/png' });
    // assess
    const request = requests[0]!;
    expect(request.path).toBe('/cover-images/events/a.png');
    const auth = parseAuthorization(request.headers.authorization);
    expect(auth.accessKeyId).toBe('AKIDFROMENV000000001');
    expect(auth.scope).toMatch(/^\d{8}\/eu-central-1\/s3\/aws4_request$/);
    expect(request.headers['x-amz-security-token']).toBe('token-from-env');
    expect(auth.signature).toBe(expectedSignature(request, 'secret-from-env'));
  });
});
