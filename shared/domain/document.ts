/**
 * Event documents: technical riders, stage plots, cable plans (docs/documents.md). Pure rules:
 * which files are accepted, how an uploaded object is judged, how it is offered for download.
 */
import { DomainError } from './errors.ts';
import { hasAnyRole, PLANNERS } from './roles.ts';

export const documentKinds = ['technical_rider', 'stage_plot', 'cable_plan', 'other'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentContentTypes = ['application/pdf', 'image/svg+xml', 'image/png', 'image/jpeg'] as const;
export type DocumentContentType = (typeof documentContentTypes)[number];

/** 50 MB: a rider or a plan scanned at print resolution fits; a single presigned PUT carries it. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
/** Enough bytes to tell the four formats apart (an SVG may open with an XML prolog and comments). */
export const SNIFF_BYTES = 1024;
/** How long a presigned upload or download URL is valid. */
export const UPLOAD_URL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/** `deleted` documents stay as tombstones so that offline sync can report them. */
export type DocumentStatus = 'pending' | 'ready' | 'rejected' | 'deleted';

/** One stored version of a document (immutable once ready). */
export interface DocumentVersion {
  version: number;
  fileName: string;
  contentType: DocumentContentType;
  size: number;
  sha256: string;
  objectKey: string;
  uploadedBy: string;
  createdAt: string;
}

/** An upload announced but not completed yet. */
export interface PendingUpload {
  version: number;
  fileName: string;
  contentType: DocumentContentType;
  size: number;
  objectKey: string;
  requestedBy: string;
  requestedAt: string;
}

export interface EventDocument {
  id: string;
  organizationId: string;
  eventId: string;
  kind: DocumentKind;
  /**
   * `ready` once a version is stored; `pending` until then; `rejected` when the first upload failed
   * its check; `deleted` once deleted (a tombstone, 404 to readers).
   */
  status: DocumentStatus;
  /** The current version (absent before the first upload completes). */
  current?: DocumentVersion;
  pending?: PendingUpload;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every change: the ETag. */
  revision: number;
}

/** Who may upload, replace and delete: planners. Every member of the organisation reads. */
export function assertMayManageDocuments(roles: readonly string[]): void {
  if (!hasAnyRole(roles, PLANNERS)) throw DomainError.of('forbidden', 'INSUFFICIENT_ROLE.documents');
}

export const documentNotFound = () => DomainError.of('not_found', 'NOT_FOUND.document');

/**
 * The format the bytes are, by their magic numbers, or undefined. An SVG is XML text whose root
 * is `<svg`: after an optional BOM, XML prolog, doctype and comments.
 */
export function sniffDocument(head: Uint8Array): DocumentContentType | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  const text = Buffer.from(head).toString('utf8').replace(/^\uFEFF/, '');
  let rest = text.trimStart();
  // Skip the prolog, processing instructions, doctype and comments before the root element.
  for (;;) {
    const skipped = rest.replace(/^(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*/i, '');
    if (skipped === rest) break;
    rest = skipped;
  }
  if (/^<svg[\s>]/.test(rest)) return 'image/svg+xml';
  return undefined;
}

export type Rejection = 'missing' | 'size_mismatch' | 'too_large' | 'type_mismatch' | 'unrecognised';

/** Judges an uploaded object against what was announced. */
export function judgeUpload(pending: PendingUpload, object: { size: number; head: Uint8Array } | null | 'too_large'): Rejection | undefined {
  if (object === null) return 'missing';
  if (object === 'too_large') return 'too_large';
  if (object.size !== pending.size) return 'size_mismatch';
  const sniffed = sniffDocument(object.head);
  if (!sniffed) return 'unrecognised';
  if (sniffed !== pending.contentType) return 'type_mismatch';
  return undefined;
}

export const documentRejected = (reason: Rejection) => DomainError.of('unprocessable', 'DOCUMENT_REJECTED', { params: { reason }, details: { reason } });

/**
 * `Content-Disposition` of a download: the file name as an RFC 6266 `filename*` (UTF-8) with an
 * ASCII fallback. SVG is always an attachment: opened inline from our bucket's origin, its script
 * would run there. The other formats open inline (a PDF viewer, an image).
 */
export function contentDisposition(fileName: string, contentType: DocumentContentType): string {
  const disposition = contentType === 'image/svg+xml' ? 'attachment' : 'inline';
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A key the client never chooses: organisation, event, document, version and a random part. */
export function documentObjectKey(organizationId: string, eventId: string, documentId: string, version: number, random: string): string {
  return `documents/${organizationId}/${eventId}/${documentId}/v${version}-${random}`;
}

/** A document id as shifts carry it in `metadata` (URLs keep working beside it). */
export const DOCUMENT_ID_PATTERN = /^doc_[0-9a-f]{20}$/;
export const isDocumentId = (value: string | null | undefined): value is string => typeof value === 'string' && DOCUMENT_ID_PATTERN.test(value);

/** The shift metadata fields that may point at a document, with their wire names. */
export const DOCUMENT_FIELDS = [
  ['technicalRider', 'technical_rider'],
  ['stagePlot', 'stage_plot'],
  ['cablePlan', 'cable_plan'],
] as const;

export function documentReferencesOf(metadata: { technicalRider: string | null; stagePlot: string | null; cablePlan: string | null }): { field: string; id: string }[] {
  return DOCUMENT_FIELDS.flatMap(([key, wire]) => (isDocumentId(metadata[key]) ? [{ field: `metadata.${wire}`, id: metadata[key] as string }] : []));
}

/** A shift may point only at a ready document (its file checked) of its own event. */
export function assertDocumentReferences(references: { field: string; id: string }[], found: ReadonlyMap<string, EventDocument>, eventId: string): void {
  const wrong = references.filter(({ id }) => {
    const document = found.get(id);
    return !document || document.status !== 'ready' || document.eventId !== eventId;
  });
  if (wrong.length > 0) {
    throw DomainError.of('invalid', 'VALIDATION_ERROR.document_reference', { details: wrong.map(({ field }) => ({ field, message: 'No such document for this event' })) });
  }
}
