/**
 * PlanningHub routes, documents area: riders, stage plots and cable plans of an event, stored in
 * the `riders` bucket (docs/documents.md). Defaults in ./common.ts.
 */
import { documentListSchema, documentSchema, documentUploadSchema, documentVersionListSchema } from '../../../shared/schemas/documents-docs.ts';
import { createDocumentBody, documentIdParams, newDocumentVersionBody } from '../../../shared/schemas/documents.ts';
import { productionEventIdParams } from '../../../shared/schemas/planninghub-event-params.ts';
import { syncSchema } from '../../../shared/schemas/sync-docs.ts';
import { syncQuery } from '../../../shared/schemas/sync.ts';
import { errorDoc, planningHubRoutes } from './common.ts';

const noSuchDocument = errorDoc('No such document in this organisation (or deleted)');
const planners = errorDoc('Not a member, or INSUFFICIENT_ROLE (planners upload, replace and delete)');

export const documentRoutes = planningHubRoutes({ tag: 'PlanningHub: documents' }, [
  {
    id: 'CreateEventDocument',
    method: 'POST',
    path: '/v1/events/{id}/documents',
    access: { table: 'readwrite', buckets: { riders: 'readwrite' } },
    docs: {
      summary: 'Announce a document of the event and get its upload URL (stage managers, admins)',
      description:
        'The answer carries `upload`: a presigned PUT (15 minutes) bound to the announced `content_type` and `size`, to a key the server chose. PUT the bytes there with exactly `upload.headers`, then call `POST /v1/documents/{id}/complete`. PDF, SVG, PNG or JPEG, at most 50 MB.',
      request: { params: productionEventIdParams, body: createDocumentBody },
      responses: {
        201: { description: 'Announced: status pending, with the upload URL', schema: documentUploadSchema },
        403: planners,
        404: errorDoc('No such event in this organisation (or cancelled, or being deleted)'),
      },
    },
  },
  {
    id: 'ListEventDocuments',
    method: 'GET',
    path: '/v1/events/{id}/documents',
    access: { table: 'read', buckets: { riders: 'read' } },
    docs: {
      summary: "The event's documents (every member)",
      description:
        'Oldest first, with their status and metadata (no download URL: GET /v1/documents/{id} gives one).',
      request: { params: productionEventIdParams },
      responses: { 200: { description: 'The documents, oldest first', schema: documentListSchema }, 404: errorDoc('No such event in this organisation') },
    },
  },
  {
    id: 'GetDocument',
    method: 'GET',
    path: '/v1/documents/{id}',
    access: { table: 'read', buckets: { riders: 'read' } },
    docs: {
      summary: 'A document with a short-lived download URL (every member)',
      description:
        '`download_url` is a presigned GET valid 5 minutes whose answer carries `Content-Disposition` with the file name (SVG always as an attachment). `ETag` is the document\'s revision: `If-None-Match` answers 304 while it has not changed.',
      request: { params: documentIdParams },
      responses: { 200: { description: 'The document', schema: documentSchema }, 304: { description: 'Not modified since the ETag given' }, 404: noSuchDocument },
    },
  },
  {
    id: 'CompleteDocumentUpload',
    method: 'POST',
    path: '/v1/documents/{id}/complete',
    access: { table: 'readwrite', buckets: { riders: 'readwrite' } },
    docs: {
      summary: 'Check the uploaded file and make it the current version (stage managers, admins)',
      description:
        'Reads the object once: its size must be the announced one and its magic bytes the announced type (PDF, SVG, PNG, JPEG); its SHA-256 is recorded. Otherwise the object is deleted and the answer is 422 DOCUMENT_REJECTED with `details.reason` (size_mismatch, too_large, type_mismatch, unrecognised). Completing a ready document with nothing pending answers it again.',
      request: { params: documentIdParams },
      responses: {
        200: { description: 'Ready', schema: documentSchema },
        403: planners,
        404: noSuchDocument,
        409: errorDoc('DOCUMENT_NOT_UPLOADED (nothing at the upload URL yet), NO_PENDING_UPLOAD, or CONCURRENT_UPDATE'),
        422: errorDoc('DOCUMENT_REJECTED: the file was deleted'),
      },
    },
  },
  {
    id: 'CreateDocumentVersion',
    method: 'POST',
    path: '/v1/documents/{id}/versions',
    access: { table: 'readwrite', buckets: { riders: 'readwrite' } },
    docs: {
      summary: 'Announce a replacement and get its upload URL (stage managers, admins)',
      description: 'The current version stays served until the new one is completed; earlier versions stay listed and downloadable.',
      request: { params: documentIdParams, body: newDocumentVersionBody },
      responses: {
        201: { description: 'Announced, with the upload URL', schema: documentUploadSchema },
        403: planners,
        404: noSuchDocument,
        409: errorDoc('CONCURRENT_UPDATE: changed concurrently, retry'),
      },
    },
  },
  {
    id: 'ListDocumentVersions',
    method: 'GET',
    path: '/v1/documents/{id}/versions',
    access: { table: 'read', buckets: { riders: 'read' } },
    docs: {
      summary: "The document's stored versions, newest first (every member)",
      description:
        'Each stored version keeps its own object (replacements never overwrite) and has its own presigned download.',
      request: { params: documentIdParams },
      responses: { 200: { description: 'The versions', schema: documentVersionListSchema }, 404: noSuchDocument },
    },
  },
  {
    id: 'DeleteDocument',
    method: 'DELETE',
    path: '/v1/documents/{id}',
    access: { table: 'readwrite', buckets: { riders: 'readwrite' } },
    docs: {
      summary: 'Delete a document and every version (stage managers, admins)',
      description:
        'Deletes the document and the object of every version; GET and the event\'s list answer 404 and omit it from then on.',
      request: { params: documentIdParams },
      responses: { 204: { description: 'Deleted' }, 403: planners, 404: noSuchDocument, 409: errorDoc('CONCURRENT_UPDATE: changed concurrently, retry') },
    },
  },
  {
    id: 'Sync',
    method: 'GET',
    path: '/v1/sync',
    access: { table: 'read', buckets: { riders: 'read' } },
    docs: {
      summary: "What the caller's mobile app needs offline, changed since its last sync",
      description:
        "The caller's shifts (as a technician) from 30 days back on: created, updated or cancelled since `since`, with `shift_ids` listing every live one (drop any other); the documents of those shifts' events changed since then (all of them for an event new to the caller), with download URLs. Without `since`: everything current. Changes are read from 5 seconds before the cursor, so one may come twice: upsert by id.",
      request: { query: syncQuery },
      responses: { 200: { description: 'The changes and the next cursor', schema: syncSchema } },
    },
  },
]);
