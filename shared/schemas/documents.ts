/**
 * Event documents (docs/documents.md): request schemas, snake_case, strict. In `zod/mini` for the
 * cold start (docs/schemas.md); the responses are in documents-docs.ts.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { boundedId } from './primitives.ts';
import { documentContentTypes, documentKinds, MAX_DOCUMENT_BYTES } from '../domain/document.ts';

export const documentIdParams = z.strictObject({ id: boundedId().check(z.describe('Document id, e.g. doc_3f9a...')) });

const file = {
  // Shown to people and put in Content-Disposition: printable, no path, no control characters.
  file_name: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(255),
      z.refine((name) => !/[\u0000-\u001f\u007f/\\]/.test(name) && name.trim() === name && name !== '.' && name !== '..', fieldMessage('VALIDATION_ERROR.file_name')),
      z.describe('e.g. rider-jazz-quartet.pdf'),
    ),
  content_type: z.enum(documentContentTypes).check(z.describe('The file type; the upload must be exactly this type (checked on its magic bytes)')),
  size: z.number().check(z.int(), z.gte(1), z.lte(MAX_DOCUMENT_BYTES), z.describe('Size in bytes (at most 50 MB); the upload must be exactly this size')),
};

export const createDocumentBody = z.strictObject({
  kind: z.enum(documentKinds),
  ...file,
});

export const newDocumentVersionBody = z.strictObject(file);
