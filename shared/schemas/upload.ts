/**
 * Cover image upload (seed 004, "Uploader une image") and the public image route. The JSON
 * methods are validated by these schemas; the multipart method (a `file` field) cannot be
 * expressed in zod and is checked by the handler.
 */
import * as z from 'zod';
import { IMAGE_FILE, USER_SEGMENT } from '../domain/image.ts';

export const uploadFromUrlBody = z
  .strictObject({
    url: z.string().min(1).max(2048).describe('https URL of a JPEG, PNG, GIF or WebP image (public hosts only, at most 3 redirects, 5 s, 4 MB)'),
  })
  .meta({ id: 'UploadImageFromUrlInput' });

export const uploadFromBase64Body = z
  .strictObject({
    base64: z.string().min(1).describe('`data:image/png;base64,...` (or bare base64); the format is read from the bytes, not from the declared type'),
  })
  .meta({ id: 'UploadImageFromBase64Input' });

export const imageParams = z.strictObject({
  userId: z.string().regex(USER_SEGMENT).describe('Second segment of the upload\'s `pathname`'),
  file: z.string().regex(IMAGE_FILE).describe('Last segment of the upload\'s `pathname`: `<timestamp>-<random>.<ext>`'),
});
