/**
 * Cover image upload (docs/api-eventlite.md; the spec's "Uploader une image") and the public image route. The JSON
 * methods are validated by these schemas; the multipart method (a `file` field) cannot be
 * expressed in zod and is checked by the handler. In `zod/mini` for the cold start
 * (docs/schemas.md); the document-only schemas are in upload-docs.ts.
 */
import * as z from 'zod/mini';
import { IMAGE_FILE, USER_SEGMENT } from '../domain/image.ts';

export const uploadFromUrlBody = z
  .strictObject({
    url: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(2048),
        z.describe('https URL of a JPEG, PNG, GIF or WebP image (public hosts only, at most 3 redirects, 5 s, 4 MB)'),
      ),
  })
  .register(z.globalRegistry, { id: 'UploadImageFromUrlInput' });

export const uploadFromBase64Body = z
  .strictObject({
    base64: z
      .string()
      .check(z.minLength(1), z.describe('`data:image/png;base64,...` (or bare base64); the format is read from the bytes, not from the declared type')),
  })
  .register(z.globalRegistry, { id: 'UploadImageFromBase64Input' });

export const imageParams = z.strictObject({
  userId: z.string().check(z.regex(USER_SEGMENT), z.describe('Second segment of the upload\'s `pathname`')),
  file: z.string().check(z.regex(IMAGE_FILE), z.describe('Last segment of the upload\'s `pathname`: `<timestamp>-<random>.<ext>`')),
});
