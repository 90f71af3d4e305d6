/**
 * Cover images: the `cover-images` bucket (S3), and downloading an image from a remote URL for the
 * upload's `url` method. The bucket blocks public access; images are served by the API (see
 * docs/uploads.md).
 *
 * The bucket is reached through the official S3 client (shared/store/s3.ts).
 *
 * The remote download lives beside the bucket because both are the outside world of the upload;
 * the rules it enforces (https only, public addresses only) are pure and live in
 * shared/domain/image.ts.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import { config, need } from '../config.ts';
import { checkRemoteUrl, isPublicAddress, type RemoteUrlRefusal } from '../domain/image.ts';
import { getObject, putObject, type StoredObject } from './s3.ts';

function bucketName(): string {
  return need('BUCKET_COVER_IMAGES');
}

/** Keys are never reused (timestamp + random), so the bytes behind a URL never change. */
export const IMAGE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export async function putImage(input: { key: string; bytes: Uint8Array; contentType: string; metadata?: Record<string, string> }): Promise<void> {
  await putObject({
    bucket: bucketName(),
    key: input.key,
    body: input.bytes,
    contentType: input.contentType,
    cacheControl: IMAGE_CACHE_CONTROL,
    metadata: input.metadata,
  });
}

export type StoredImage = StoredObject;

/** The object, `null` when there is none, or `'not-modified'` when `ifNoneMatch` still matches. */
export async function getImage(key: string, options: { ifNoneMatch?: string } = {}): Promise<StoredImage | null | 'not-modified'> {
  return getObject({ bucket: bucketName(), key, ifNoneMatch: options.ifNoneMatch });
}

// ---------------------------------------------------------------------------------------------
// Remote download (the upload's `url` method)
// ---------------------------------------------------------------------------------------------

export type RemoteImageFailure = RemoteUrlRefusal | 'unresolvable' | 'too_many_redirects' | 'too_large' | 'http_status' | 'timeout' | 'network';

export class RemoteImageError extends Error {
  readonly reason: RemoteImageFailure;
  /** The remote status, for `http_status`. */
  readonly status?: number;

  constructor(reason: RemoteImageFailure, options: { status?: number; cause?: unknown } = {}) {
    super(`remote image refused: ${reason}${options.status ? ` (HTTP ${options.status})` : ''}`, { cause: options.cause });
    this.name = 'RemoteImageError';
    this.reason = reason;
    this.status = options.status;
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (the system resolver, as the connection would use). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface TransportResponse {
  status: number;
  header(name: string): string | undefined;
  body: AsyncIterable<Uint8Array>;
  /** Drops the connection without reading the rest of the body. */
  cancel(): void;
}

/**
 * One GET to `url`, connecting to `address` and nowhere else. Pinning the connection to the
 * address that was checked is what defeats DNS rebinding (a second lookup at connect time could
 * answer 127.0.0.1); TLS still verifies the certificate against the URL's host name.
 */
export type HttpTransport = (request: { url: URL; address: ResolvedAddress; signal: AbortSignal; headers: Record<string, string> }) => Promise<TransportResponse>;

const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/** The production transport: node:https with the connection's DNS lookup replaced by the pinned address. */
export function createHttpsTransport(tls: { ca?: string | Buffer } = {}): HttpTransport {
  return ({ url, address, signal, headers }) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const pinned: LookupFunction = (_hostname, options, callback) => {
        // Node asks for every address (`all`) when it races IPv4 and IPv6 connections.
        if ((options as { all?: boolean }).all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, [address]);
        else callback(null, address.address, address.family);
      };
      const request = httpsRequest(
        url,
        { method: 'GET', headers, signal, lookup: pinned, agent: false, ...(tls.ca ? { ca: tls.ca } : {}) },
        (response: IncomingMessage) =>
          resolve({
            status: response.statusCode ?? 0,
            header: (name) => {
              const value = response.headers[name.toLowerCase()];
              return Array.isArray(value) ? value[0] : value;
            },
            body: response,
            cancel: () => response.destroy(),
          }),
      );
      request.on('error', reject);
      request.end();
    });
}

export interface RemoteImageOptions {
  maxBytes: number;
  /** For the whole download, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Lets private, loopback and link-local hosts through; for local experiments only. */
  allowPrivateHosts?: boolean;
  resolve?: HostResolver;
  transport?: HttpTransport;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const defaultTransport = createHttpsTransport();

const allowPrivateByDefault = () => config.uploadAllowPrivateHosts;

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Downloads an image: https only; every hop's host must resolve to public addresses only, and the
 * connection goes to one of those very addresses; at most `maxRedirects` redirects, each checked
 * like the first URL; `timeoutMs` for everything; the body is counted while it streams and the
 * connection dropped as soon as it passes `maxBytes`.
 */
export async function downloadRemoteImage(input: string, options: RemoteImageOptions): Promise<Uint8Array> {
  const { maxBytes, timeoutMs = 5_000, maxRedirects = 3, allowPrivateHosts = allowPrivateByDefault() } = options;
  const resolve = options.resolve ?? systemResolver;
  const transport = options.transport ?? defaultTransport;
  const signal = AbortSignal.timeout(timeoutMs);
  const aborted = rejectOnAbort(signal);
  aborted.catch(() => undefined);

  const run = async (): Promise<Uint8Array> => {
    let current: string | URL = input;
    for (let hop = 0; ; hop++) {
      const check = checkRemoteUrl(current, { allowPrivateHosts });
      if (!check.ok) throw new RemoteImageError(check.reason);
      let addresses: ResolvedAddress[];
      if (check.isIpLiteral) addresses = [{ address: check.host, family: check.host.includes(':') ? 6 : 4 }];
      else {
        try {
          addresses = await Promise.race([resolve(check.host), aborted]);
        } catch (cause) {
          if (signal.aborted) throw cause;
          throw new RemoteImageError('unresolvable', { cause });
        }
      }
      if (addresses.length === 0) throw new RemoteImageError('unresolvable');
      // One private answer is enough to refuse: which one the connection would pick is not ours to say.
      if (!allowPrivateHosts && addresses.some((a) => !isPublicAddress(a.address))) throw new RemoteImageError('forbidden_host');

      const response = await Promise.race([
        transport({
          url: check.url,
          address: addresses[0]!,
          signal,
          headers: { accept: 'image/jpeg,image/png,image/gif,image/webp', 'user-agent': 'EventLite-ImageFetcher/1.0' },
        }),
        aborted,
      ]);
      if (REDIRECTS.has(response.status)) {
        response.cancel();
        const location = response.header('location');
        if (!location) throw new RemoteImageError('http_status', { status: response.status });
        if (hop >= maxRedirects) throw new RemoteImageError('too_many_redirects');
        current = new URL(location, check.url);
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        response.cancel();
        throw new RemoteImageError('http_status', { status: response.status });
      }
      const declared = Number(response.header('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.cancel();
        throw new RemoteImageError('too_large');
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          response.cancel();
          throw new RemoteImageError('too_large');
        }
        chunks.push(chunk);
      }
      return new Uint8Array(Buffer.concat(chunks));
    }
  };

  try {
    return await Promise.race([run(), aborted]);
  } catch (error) {
    if (error instanceof RemoteImageError) throw error;
    if (signal.aborted) throw new RemoteImageError('timeout', { cause: error });
    throw new RemoteImageError('network', { cause: error });
  }
}
