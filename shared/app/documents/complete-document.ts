/**
 * POST /v1/documents/{id}/complete: the uploaded object is read once (size, magic bytes, SHA-256)
 * and becomes the document's current version, or is deleted and the upload refused (422
 * DOCUMENT_REJECTED). Deployed, an S3 event notification could call the same use case.
 */
import { DomainError } from '../../domain/errors.ts';
import {
  assertMayManageDocuments,
  documentNotFound,
  documentRejected,
  judgeUpload,
  MAX_DOCUMENT_BYTES,
  SNIFF_BYTES,
  type EventDocument,
} from '../../domain/document.ts';
import { getDocument, saveDocument } from '../../store/documents.ts';
import { deleteDocumentObject, digestDocumentObject } from '../../store/document-objects.ts';
import type { Actor } from '../actor.ts';

export async function completeDocumentUseCase(actor: Actor, documentId: string, now = new Date()): Promise<EventDocument> {
  assertMayManageDocuments(actor.roles);
  const found = await getDocument(actor.organizationId, documentId, true);
  if (!found || found.status === 'deleted') throw documentNotFound();
  const pending = found.pending;
  if (!pending) {
    // Completing twice answers the same document.
    if (found.status === 'ready') return found;
    throw DomainError.of('conflict', 'NO_PENDING_UPLOAD');
  }
  const object = await digestDocumentObject(pending.objectKey, { headBytes: SNIFF_BYTES, maxBytes: MAX_DOCUMENT_BYTES });
  const rejection = judgeUpload(pending, object);
  if (rejection === 'missing') throw DomainError.of('conflict', 'DOCUMENT_NOT_UPLOADED');
  const stamp = now.toISOString();
  if (rejection) {
    await deleteDocumentObject(pending.objectKey);
    const { pending: _dropped, ...rest } = found;
    await saveDocument({ ...rest, status: found.current ? found.status : 'rejected', updatedAt: stamp, revision: found.revision + 1 }, found.revision);
    throw documentRejected(rejection);
  }
  const digest = object as Exclude<typeof object, null | 'too_large'>;
  const version = {
    version: pending.version,
    fileName: pending.fileName,
    contentType: pending.contentType,
    size: digest.size,
    sha256: digest.sha256Hex,
    objectKey: pending.objectKey,
    uploadedBy: pending.requestedBy,
    createdAt: stamp,
  };
  const { pending: _done, ...rest } = found;
  const document: EventDocument = { ...rest, status: 'ready', current: version, updatedAt: stamp, revision: found.revision + 1 };
  await saveDocument(document, found.revision, { ...version, organizationId: found.organizationId, documentId: found.id });
  return document;
}
