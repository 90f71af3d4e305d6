/** Event document responses: for the route manifest's documentation only (views in shared/views/documents.ts). */
import * as z from 'zod';
import { documentContentTypes, documentKinds } from '../domain/document.ts';

const utcInstant = z.string().describe('RFC 3339, UTC');

const documentFields = {
  id: z.string(),
  event_id: z.string(),
  kind: z.enum(documentKinds),
  status: z.enum(['pending', 'ready', 'rejected', 'deleted']).describe('`pending` until the first upload is completed; `rejected` when it failed its check; `deleted` only in GET /v1/sync'),
  file_name: z.string(),
  content_type: z.enum(documentContentTypes),
  size: z.number().int(),
  sha256: z.string().nullable().describe('Hex SHA-256 of the current version (null before the first completed upload): cache by it'),
  version: z.number().int().describe('Current version number (0 before the first completed upload)'),
  download_url: z.string().nullable().describe('Short-lived presigned GET (5 minutes); null before the first completed upload'),
  download_expires_at: utcInstant.nullable(),
  pending_version: z.number().int().nullable().describe('The version announced and not completed yet, if any'),
  created_at: utcInstant,
  updated_at: utcInstant,
};

export const documentSchema = z.object(documentFields).meta({ id: 'Document' });

export const documentUploadSchema = z
  .object({
    ...documentFields,
    upload: z.object({
      method: z.literal('PUT'),
      url: z.string().describe('Presigned PUT: send exactly these headers and bytes'),
      headers: z.record(z.string(), z.string()).describe('Content-Type and Content-Length, both signed'),
      expires_at: utcInstant,
    }),
  })
  .meta({ id: 'DocumentUpload' });

export const documentListSchema = z.object({ data: z.array(documentSchema) }).meta({ id: 'DocumentList' });

export const documentVersionListSchema = z
  .object({
    document_id: z.string(),
    data: z.array(
      z.object({
        version: z.number().int(),
        file_name: z.string(),
        content_type: z.enum(documentContentTypes),
        size: z.number().int(),
        sha256: z.string(),
        created_at: utcInstant,
        download_url: z.string(),
        download_expires_at: utcInstant,
      }),
    ),
  })
  .meta({ id: 'DocumentVersionList' });
