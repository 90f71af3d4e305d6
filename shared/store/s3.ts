/**
 * S3 through the official client (`@aws-sdk/client-s3`, presigned URLs by
 * `@aws-sdk/s3-request-presigner`): one client per execution environment, created at module scope
 * so warm invocations reuse its connections. Endpoint and credentials come from the standard SDK
 * configuration (`AWS_ENDPOINT_URL_S3` points it at fauxqs locally), never from code; an endpoint
 * that is set means an emulator, addressed path-style.
 *
 * This module knows objects, never business rules: the stores (images.ts, documents.ts) give the
 * bucket and key.
 */
import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { config } from '../config.ts';

export const s3Client = new S3Client({
  maxAttempts: 3,
  forcePathStyle: config.s3Endpoint !== undefined,
  // Checksums only where an operation requires one or the caller asks for one: a default CRC32
  // would otherwise be baked into presigned PUT URLs, which the client's bytes can never match.
  requestChecksumCalculation: 'WHEN_REQUIRED',
});

/** An S3 answer with this HTTP status (404, 304, 412...), as the SDK reports it. */
export function s3Status(error: unknown): number | undefined {
  if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  return metadata?.httpStatusCode;
}

const isNotFound = (error: unknown) => s3Status(error) === 404 || (error as { name?: string } | null)?.name === 'NoSuchKey';

export interface PutObjectInput {
  bucket: string;
  key: string;
  body: Uint8Array;
  contentType: string;
  cacheControl?: string;
  /** Sent as `x-amz-meta-<name>`; values must be ASCII (S3's rule for user metadata). */
  metadata?: Record<string, string>;
}

/** Stores the bytes with their SHA-256 as S3's full-object checksum (S3 refuses a body that differs). */
export async function putObject(input: PutObjectInput): Promise<{ etag: string | undefined }> {
  const result = await s3Client.send(
    new PutObjectCommand({
      Bucket: input.bucket,
      Key: input.key,
      Body: input.body,
      ContentType: input.contentType,
      CacheControl: input.cacheControl,
      Metadata: input.metadata,
      ChecksumSHA256: createHash('sha256').update(input.body).digest('base64'),
    }),
  );
  return { etag: result.ETag };
}

export interface StoredObject {
  bytes: Uint8Array;
  contentType: string | undefined;
  etag: string | undefined;
  lastModified: Date | undefined;
}

/** The object, `null` when there is none, or `'not-modified'` when `ifNoneMatch` still matches. */
export async function getObject(input: { bucket: string; key: string; ifNoneMatch?: string }): Promise<StoredObject | null | 'not-modified'> {
  try {
    const result = await s3Client.send(new GetObjectCommand({ Bucket: input.bucket, Key: input.key, IfNoneMatch: input.ifNoneMatch, ChecksumMode: 'ENABLED' }));
    return {
      bytes: await result.Body!.transformToByteArray(),
      contentType: result.ContentType,
      etag: result.ETag,
      lastModified: result.LastModified,
    };
  } catch (error) {
    if (s3Status(error) === 304) return 'not-modified';
    if (isNotFound(error)) return null;
    throw error;
  }
}

export interface ObjectDigest {
  size: number;
  contentType: string | undefined;
  /** The first bytes (at most `headBytes`), for the magic-byte check. */
  head: Uint8Array;
  sha256Hex: string;
}

/**
 * Reads the whole object once, streaming: its size, its first bytes and its SHA-256. `maxBytes`
 * stops the read (and answers `too_large`) before an object larger than allowed is hashed.
 */
export async function digestObject(input: { bucket: string; key: string; headBytes: number; maxBytes: number }): Promise<ObjectDigest | null | 'too_large'> {
  let result;
  try {
    result = await s3Client.send(new GetObjectCommand({ Bucket: input.bucket, Key: input.key }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const hash = createHash('sha256');
  const head: Uint8Array[] = [];
  let headLength = 0;
  let size = 0;
  const body = result.Body as unknown as AsyncIterable<Uint8Array>;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > input.maxBytes) {
      (result.Body as unknown as { destroy?: () => void }).destroy?.();
      return 'too_large';
    }
    hash.update(chunk);
    if (headLength < input.headBytes) {
      head.push(chunk.subarray(0, input.headBytes - headLength));
      headLength += Math.min(chunk.byteLength, input.headBytes - headLength);
    }
  }
  return { size, contentType: result.ContentType, head: new Uint8Array(Buffer.concat(head)), sha256Hex: hash.digest('hex') };
}

/** Size and type without the bytes; `null` when there is no object. */
export async function headObject(input: { bucket: string; key: string }): Promise<{ size: number; contentType: string | undefined } | null> {
  try {
    const result = await s3Client.send(new HeadObjectCommand({ Bucket: input.bucket, Key: input.key }));
    return { size: result.ContentLength ?? 0, contentType: result.ContentType };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function deleteObject(input: { bucket: string; key: string }): Promise<void> {
  await s3Client.send(new DeleteObjectCommand({ Bucket: input.bucket, Key: input.key }));
}
