/**
 * S3 PutObject and GetObject as SigV4-signed `fetch` calls, without `@aws-sdk/client-s3`.
 *
 * Why (docs/uploads.md, "S3 without the S3 client"): importing the S3 client costs 11 to 13 ms of
 * cold start, which put UploadImage over its 1.25x budget. Everything used here is already in every
 * bundle because the DynamoDB client carries it: `SignatureV4` (`@smithy/signature-v4`), the SDK's
 * SHA-256 and CRC32 (`@smithy/core/checksum`), its retry strategy and error classification
 * (`@smithy/core/retry`), its URI escaping (`@smithy/core/protocols`). No crypto is written here.
 *
 * Credentials and region are the DynamoDB client's own resolved providers (shared/store/client.ts):
 * one credential provider chain per execution environment, not two.
 *
 * Endpoint: `AWS_ENDPOINT_URL_S3` (read at call time) with path-style addressing when it is set
 * (fauxqs locally), else `https://<bucket>.s3.<region>.amazonaws.com/<key>`, the virtual-hosted
 * endpoint of the `aws` partition (path-style on the same host for a bucket name with dots, which
 * the wildcard certificate does not cover). FIPS, dual-stack, S3 Express and other partitions are
 * not handled.
 */
import { Sha256, Crc32 } from '@smithy/core/checksum';
import { escapeUriPath } from '@smithy/core/protocols';
import { StandardRetryStrategy, isThrottlingError, isTransientError, isServerError } from '@smithy/core/retry';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Provider, RetryErrorType } from '@smithy/types';
import { documentClient } from './client.ts';
import { config } from '../config.ts';

/** SHA-256 of the empty payload (bodiless requests still carry `x-amz-content-sha256`). */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface S3SignedConfig {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  region: string | Provider<string>;
  /** Base URL of an S3-compatible endpoint, addressed path-style; undefined: AWS, virtual-hosted. */
  endpoint?: () => string | undefined;
  /** Attempts per call, first one included (the S3 client had `maxAttempts: 3`). */
  maxAttempts?: number;
  /** The signing clock; for tests. */
  now?: () => Date;
}

export interface PutObjectInput {
  bucket: string;
  key: string;
  body: Uint8Array;
  contentType: string;
  cacheControl?: string;
  /** Sent as `x-amz-meta-<name>`; values must be ASCII (S3's rule for user metadata). */
  metadata?: Record<string, string>;
}

export interface GetObjectInput {
  bucket: string;
  key: string;
  ifNoneMatch?: string;
}

export interface GetObjectOutput {
  bytes: Uint8Array;
  contentType: string | undefined;
  etag: string | undefined;
  lastModified: Date | undefined;
}

/**
 * A non-2xx answer from S3 (304 included, as with the SDK). `name` is S3's error code
 * (`AccessDenied`, `NoSuchKey`, `SlowDown`...), so the logs show it; `$metadata` has the SDK's
 * shape, so code written against SDK errors (and the SDK's retry classification) reads it as is.
 */
export class S3RequestError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly $metadata: { httpStatusCode: number; requestId?: string; extendedRequestId?: string; attempts?: number };

  constructor(operation: string, target: string, details: { status: number; code: string; message?: string; requestId?: string; extendedRequestId?: string }) {
    super(`S3 ${operation} ${target}: ${details.code} (HTTP ${details.status})${details.message ? `: ${details.message}` : ''}${details.requestId ? ` [request id ${details.requestId}]` : ''}`);
    this.name = details.code;
    this.code = details.code;
    this.status = details.status;
    this.requestId = details.requestId;
    this.$metadata = { httpStatusCode: details.status, requestId: details.requestId, extendedRequestId: details.extendedRequestId };
  }
}

/** The object's stored checksum does not match the bytes received. */
export class S3ChecksumMismatchError extends Error {
  constructor(target: string, algorithm: string) {
    super(`S3 GetObject ${target}: the body does not match its ${algorithm} checksum`);
    this.name = 'S3ChecksumMismatchError';
  }
}

/**
 * The object's URL. Path-style under `endpoint` when given, else virtual-hosted on the region's
 * AWS endpoint. The key is escaped per segment as the SDK does (`/` kept), and a key that the URL
 * parser would rewrite (`.` or `..` segments) is refused rather than sent somewhere else.
 */
export function objectUrl(bucket: string, key: string, region: string, endpoint?: string): URL {
  if (!bucket) throw new Error('S3: empty bucket name');
  if (!key) throw new Error('S3: empty object key');
  const path = escapeUriPath(key);
  let url: URL;
  if (endpoint) {
    const base = new URL(endpoint);
    url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}/${escapeUriPath(bucket)}/${path}`);
  } else {
    if (!/^[a-z0-9-]+$/.test(region)) throw new Error(`S3: invalid region "${region}"`);
    url = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)
      ? new URL(`https://${bucket}.s3.${region}.amazonaws.com/${path}`)
      : new URL(`https://s3.${region}.amazonaws.com/${escapeUriPath(bucket)}/${path}`);
  }
  if (!url.pathname.endsWith(`/${path}`)) throw new Error(`S3: key "${key}" cannot be addressed as is`);
  return url;
}

export interface SigningRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/**
 * Signs a request for S3 (header-based SigV4). `host` is set from the URL and signed; the payload
 * hash is the one in `x-amz-content-sha256` when the caller set it, else the SHA-256 of the body
 * (the empty string's when there is none). Returns every header to send, `host` included.
 */
export async function signS3Request(signer: SignatureV4, request: SigningRequest, signingDate: Date): Promise<Record<string, string>> {
  const headers: Record<string, string> = { ...request.headers, host: request.url.host };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'x-amz-content-sha256')) {
    headers['x-amz-content-sha256'] = request.body ? hex(await sha256(request.body)) : EMPTY_SHA256;
  }
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      port: request.url.port ? Number(request.url.port) : undefined,
      path: request.url.pathname,
      query: {},
      headers,
      body: request.body,
    },
    { signingDate },
  );
  return signed.headers;
}

/**
 * The signer S3 needs: service `s3`, and the path signed as sent (S3 does not want the double
 * encoding other services use).
 */
export function s3Signer(config: Pick<S3SignedConfig, 'credentials' | 'region'>): SignatureV4 {
  return new SignatureV4({ service: 's3', region: config.region, credentials: config.credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: true });
}

export interface S3Signed {
  putObject(input: PutObjectInput): Promise<{ etag: string | undefined }>;
  getObject(input: GetObjectInput): Promise<GetObjectOutput>;
}

export function createS3Signed(config: S3SignedConfig): S3Signed {
  const signer = s3Signer(config);
  const region: Provider<string> = typeof config.region === 'string' ? async () => config.region as string : config.region;
  const endpoint = config.endpoint ?? (() => undefined);
  const now = config.now ?? (() => new Date());
  // One per client, as in the SDK: its retry capacity is shared by every call of the environment.
  const retries = new StandardRetryStrategy(config.maxAttempts ?? 3);

  /** One call: signed afresh on every attempt; retried like the SDK retries (throttling, transient). */
  async function send(operation: string, bucket: string, key: string, method: 'GET' | 'PUT', headers: Record<string, string>, body?: Uint8Array): Promise<Response> {
    const url = objectUrl(bucket, key, await region(), endpoint());
    const target = `${bucket}/${key}`;
    let token = await retries.acquireInitialRetryToken('s3');
    for (let attempt = 1; ; attempt++) {
      try {
        const signed = await signS3Request(signer, { method, url, headers, body }, now());
        // fetch derives Host from the URL, exactly the value that was signed.
        delete signed.host;
        const response = await fetch(url, { method, headers: signed, body, redirect: 'manual' });
        if (response.status >= 200 && response.status <= 299) {
          retries.recordSuccess(token);
          return response;
        }
        throw await s3Error(operation, target, response);
      } catch (error) {
        if (error instanceof S3RequestError) error.$metadata.attempts = attempt;
        try {
          token = await retries.refreshRetryTokenForRetry(token, { errorType: retryType(error) });
        } catch {
          throw error;
        }
      }
    }
  }

  return {
    async putObject(input) {
      const digest = await sha256(input.body);
      const headers: Record<string, string> = {
        'content-type': input.contentType,
        // The body's SHA-256, signed: S3 refuses the request if the bytes it receives differ.
        'x-amz-content-sha256': hex(digest),
        // The same digest as S3's full-object checksum: stored with the object, checked by getObject.
        'x-amz-checksum-sha256': Buffer.from(digest).toString('base64'),
      };
      if (input.cacheControl) headers['cache-control'] = input.cacheControl;
      for (const [name, value] of Object.entries(input.metadata ?? {})) headers[`x-amz-meta-${name.toLowerCase()}`] = value;
      const response = await send('PutObject', input.bucket, input.key, 'PUT', headers, input.body);
      await response.arrayBuffer();
      return { etag: response.headers.get('etag') ?? undefined };
    },

    async getObject(input) {
      // As the SDK does by default (responseChecksumValidation WHEN_SUPPORTED): ask for the stored
      // checksum and verify the body against it.
      const headers: Record<string, string> = { 'x-amz-checksum-mode': 'ENABLED' };
      if (input.ifNoneMatch) headers['if-none-match'] = input.ifNoneMatch;
      const response = await send('GetObject', input.bucket, input.key, 'GET', headers);
      const bytes = new Uint8Array(await response.arrayBuffer());
      await verifyChecksum(`${input.bucket}/${input.key}`, response.headers, bytes);
      const lastModified = response.headers.get('last-modified');
      return {
        bytes,
        contentType: response.headers.get('content-type') ?? undefined,
        etag: response.headers.get('etag') ?? undefined,
        lastModified: lastModified ? new Date(lastModified) : undefined,
      };
    },
  };
}

/** The instance the functions use: the DynamoDB client's credentials and region. */
export const s3 = createS3Signed({
  credentials: documentClient.config.credentials,
  region: documentClient.config.region,
  endpoint: () => config.s3Endpoint,
});

// ---------------------------------------------------------------------------------------------

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  const hash = new Sha256();
  hash.update(bytes);
  return hash.digest();
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The SDK's classification (@smithy/core/retry), so the same answers are retried. */
function retryType(error: unknown): RetryErrorType {
  const candidate = error as Parameters<typeof isThrottlingError>[0];
  if (typeof candidate !== 'object' || candidate === null) return 'CLIENT_ERROR';
  if (isThrottlingError(candidate)) return 'THROTTLING';
  if (isTransientError(candidate)) return 'TRANSIENT';
  if (isServerError(candidate)) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
}

/** S3's XML error document (`<Error><Code>...`), read for its code, message and request id. */
async function s3Error(operation: string, target: string, response: Response): Promise<S3RequestError> {
  const text = await response.text().catch(() => '');
  const tag = (name: string) => xmlText(new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1]);
  return new S3RequestError(operation, target, {
    status: response.status,
    code: tag('Code') ?? codeOfStatus(response.status),
    message: tag('Message'),
    requestId: response.headers.get('x-amz-request-id') ?? tag('RequestId'),
    extendedRequestId: response.headers.get('x-amz-id-2') ?? undefined,
  });
}

/** For answers without a body (304, HEAD-like 404s): the names the SDK gives them. */
function codeOfStatus(status: number): string {
  if (status === 304) return 'NotModified';
  if (status === 404) return 'NotFound';
  if (status === 403) return 'Forbidden';
  return `Http${status}`;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlText = (raw: string | undefined) => raw?.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]!);

/**
 * Verifies the body against the checksum S3 returned: SHA-256 (what putObject stores) or CRC32
 * (the SDK's default, for objects it uploaded). Composite checksums of multipart uploads (`-N`
 * suffix) and other algorithms are left unchecked, as TLS already protects the transfer.
 */
async function verifyChecksum(target: string, headers: Headers, bytes: Uint8Array): Promise<void> {
  const checks = [
    ['x-amz-checksum-sha256', 'SHA-256', () => new Sha256()],
    ['x-amz-checksum-crc32', 'CRC32', () => new Crc32()],
  ] as const;
  for (const [header, algorithm, create] of checks) {
    const expected = headers.get(header);
    if (!expected || expected.includes('-')) continue;
    const hash = create();
    hash.update(bytes);
    if (Buffer.from(await hash.digest()).toString('base64') !== expected) throw new S3ChecksumMismatchError(target, algorithm);
    return;
  }
}
