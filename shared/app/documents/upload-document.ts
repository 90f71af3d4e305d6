/**
 * POST /v1/events/{id}/documents and POST /v1/documents/{id}/versions: a planner announces a file
 * (kind, name, type, size) and gets a presigned PUT bound to that type and length, to a key the
 * server chose. Nothing is readable until POST /v1/documents/{id}/complete has checked the bytes.
 */
import { randomHex } from '../../random-hex.ts';
import {
  assertMayManageDocuments,
  documentNotFound,
  documentObjectKey,
  UPLOAD_URL_SECONDS,
  type DocumentContentType,
  type DocumentKind,
  type EventDocument,
  type PendingUpload,
} from '../../domain/document.ts';
import { getDocument, insertDocument, saveDocument } from '../../store/documents.ts';
import { presignDocumentUpload } from '../../store/document-objects.ts';
import type { Actor } from '../actor.ts';

export interface AnnouncedFile {
  fileName: string;
  contentType: DocumentContentType;
  size: number;
}

export interface UploadTicket {
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
}

async function ticketFor(pending: PendingUpload, now: Date): Promise<UploadTicket> {
  const { url, headers } = await presignDocumentUpload({ objectKey: pending.objectKey, contentType: pending.contentType, size: pending.size, expiresInSeconds: UPLOAD_URL_SECONDS });
  return { method: 'PUT', url, headers, expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString() };
}

function pendingUpload(actor: Actor, eventId: string, documentId: string, version: number, file: AnnouncedFile, now: Date): PendingUpload {
  return {
    version,
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.size,
    objectKey: documentObjectKey(actor.organizationId, eventId, documentId, version, randomHex(8)),
    requestedBy: actor.userId,
    requestedAt: now.toISOString(),
  };
}

export async function createDocumentUseCase(actor: Actor, eventId: string, input: AnnouncedFile & { kind: DocumentKind }, now = new Date()): Promise<{ document: EventDocument; upload: UploadTicket }> {
  assertMayManageDocuments(actor.roles);
  const id = `doc_${randomHex(10)}`;
  const stamp = now.toISOString();
  const document: EventDocument = {
    id,
    organizationId: actor.organizationId,
    eventId,
    kind: input.kind,
    status: 'pending',
    pending: pendingUpload(actor, eventId, id, 1, input, now),
    createdBy: actor.userId,
    createdAt: stamp,
    updatedAt: stamp,
    revision: 1,
  };
  // The event's existence is a condition of the write, not a read before it.
  await insertDocument(document);
  return { document, upload: await ticketFor(document.pending!, now) };
}

/** A replacement: the next version is announced; the current one stays served until it completes. */
export async function newDocumentVersionUseCase(actor: Actor, documentId: string, input: AnnouncedFile, now = new Date()): Promise<{ document: EventDocument; upload: UploadTicket }> {
  assertMayManageDocuments(actor.roles);
  const found = await getDocument(actor.organizationId, documentId, true);
  if (!found || found.status === 'deleted') throw documentNotFound();
  const version = (found.current?.version ?? 0) + 1;
  const document: EventDocument = {
    ...found,
    pending: pendingUpload(actor, found.eventId, found.id, version, input, now),
    // A first upload that was rejected starts again as pending.
    status: found.current ? found.status : 'pending',
    updatedAt: now.toISOString(),
    revision: found.revision + 1,
  };
  await saveDocument(document, found.revision);
  return { document, upload: await ticketFor(document.pending!, now) };
}
