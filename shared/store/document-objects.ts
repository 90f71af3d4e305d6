/** The objects of event documents in the `riders` bucket (keys chosen by shared/domain/document.ts). */
import { deleteObject, digestObject } from './s3.ts';
import { presignGet, presignPut } from './s3-presign.ts';
import { need } from '../config.ts';

const bucket = () => need('BUCKET_RIDERS');

export const presignDocumentUpload = (input: { objectKey: string; contentType: string; size: number; expiresInSeconds: number }) =>
  presignPut({ bucket: bucket(), key: input.objectKey, contentType: input.contentType, size: input.size, expiresInSeconds: input.expiresInSeconds });

export const presignDocumentDownload = (input: { objectKey: string; contentType: string; contentDisposition: string; expiresInSeconds: number }) =>
  presignGet({ bucket: bucket(), key: input.objectKey, contentType: input.contentType, contentDisposition: input.contentDisposition, expiresInSeconds: input.expiresInSeconds });

export const digestDocumentObject = (objectKey: string, options: { headBytes: number; maxBytes: number }) =>
  digestObject({ bucket: bucket(), key: objectKey, ...options });

export const deleteDocumentObject = (objectKey: string) => deleteObject({ bucket: bucket(), key: objectKey });
