/**
 * Presigned S3 URLs (`@aws-sdk/s3-request-presigner`), apart from ./s3.ts so that functions that
 * never presign (the cover images) do not bundle the presigner.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3Client } from './s3.ts';

/**
 * A presigned PUT whose signature covers `Content-Type` and `Content-Length`: S3 refuses an upload
 * of another type or length (SignatureDoesNotMatch), so the client can only send what it declared.
 */
export async function presignPut(input: { bucket: string; key: string; contentType: string; size: number; expiresInSeconds: number }): Promise<{ url: string; headers: Record<string, string> }> {
  const url = await getSignedUrl(
    s3Client,
    new PutObjectCommand({ Bucket: input.bucket, Key: input.key, ContentType: input.contentType, ContentLength: input.size }),
    { expiresIn: input.expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
  );
  return { url, headers: { 'Content-Type': input.contentType, 'Content-Length': String(input.size) } };
}

/** A presigned GET whose answer carries the given `Content-Disposition` and `Content-Type`. */
export async function presignGet(input: { bucket: string; key: string; contentDisposition: string; contentType: string; expiresInSeconds: number }): Promise<string> {
  return getSignedUrl(
    s3Client,
    new GetObjectCommand({
      Bucket: input.bucket,
      Key: input.key,
      ResponseContentDisposition: input.contentDisposition,
      ResponseContentType: input.contentType,
    }),
    { expiresIn: input.expiresInSeconds },
  );
}
