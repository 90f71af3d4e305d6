/** Upload schemas for the OpenAPI document only. */
import * as z from 'zod';
import { uploadFromBase64Body, uploadFromUrlBody } from './upload.ts';

/** For the OpenAPI document: one of the two JSON methods. */
export const uploadJsonBody = z.union([uploadFromUrlBody, uploadFromBase64Body]).meta({ id: 'UploadImageJsonInput' });

export const uploadedImageSchema = z
  .object({
    url: z.string().describe('Public URL of the image; usable as an event\'s `coverImage`'),
    pathname: z.string().describe('`events/<user-id>/<timestamp>-<random>.<ext>`'),
  })
  .meta({ id: 'UploadedImage' });

