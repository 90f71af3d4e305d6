/**
 * GET /v1/documents/{id}, GET /v1/events/{id}/documents, GET /v1/documents/{id}/versions: every
 * member of the organisation reads an event's documents; a download is a short-lived presigned GET
 * whose answer names the file (SVG always as an attachment).
 */
import { contentDisposition, documentNotFound, DOWNLOAD_URL_SECONDS, type DocumentVersion, type EventDocument } from '../../domain/document.ts';
import { DomainError } from '../../domain/errors.ts';
import { getDocument, getDocuments, listDocumentsOfEvent, listDocumentVersions } from '../../store/documents.ts';
import { presignDocumentDownload } from '../../store/document-objects.ts';
import { getEvent } from '../../store/events.ts';
import type { Actor } from '../actor.ts';

export interface Download {
  url: string;
  expiresAt: string;
}

export async function downloadOf(version: DocumentVersion | undefined, now: Date): Promise<Download | null> {
  if (!version) return null;
  const url = await presignDocumentDownload({
    objectKey: version.objectKey,
    contentType: version.contentType,
    contentDisposition: contentDisposition(version.fileName, version.contentType),
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
  });
  return { url, expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
}

export async function getDocumentUseCase(actor: Actor, documentId: string, now = new Date()): Promise<{ document: EventDocument; download: Download | null }> {
  const document = await getDocument(actor.organizationId, documentId);
  if (!document || document.status === 'deleted') throw documentNotFound();
  return { document, download: await downloadOf(document.current, now) };
}

export async function listEventDocumentsUseCase(actor: Actor, eventId: string, now = new Date()): Promise<{ document: EventDocument; download: Download | null }[]> {
  if (!(await getEvent(actor.organizationId, eventId))) throw DomainError.of('not_found', 'NOT_FOUND.event');
  const documents = (await listDocumentsOfEvent(actor.organizationId, eventId)).filter((document) => document.status !== 'deleted');
  return Promise.all(documents.map(async (document) => ({ document, download: await downloadOf(document.current, now) })));
}

export async function listDocumentVersionsUseCase(actor: Actor, documentId: string, now = new Date()): Promise<{ document: EventDocument; versions: { version: DocumentVersion; download: Download | null }[] }> {
  const document = await getDocument(actor.organizationId, documentId);
  if (!document || document.status === 'deleted') throw documentNotFound();
  const versions = await listDocumentVersions(actor.organizationId, documentId);
  return { document, versions: await Promise.all(versions.map(async (version) => ({ version, download: await downloadOf(version, now) }))) };
}

/** Documents by id, ready ones only, with their downloads (shifts that point at them). */
export async function readyDocuments(organizationId: string, documentIds: readonly string[], now = new Date()): Promise<Map<string, { document: EventDocument; download: Download }>> {
  const found = await getDocuments(organizationId, documentIds);
  const entries = await Promise.all(
    found
      .filter((document) => document.status === 'ready' && document.current)
      .map(async (document) => [document.id, { document, download: (await downloadOf(document.current, now))! }] as const),
  );
  return new Map(entries);
}

