/**
 * DELETE /v1/documents/{id}: the document becomes a tombstone (404 to readers, reported as
 * deleted by the offline sync) and every version's object is deleted. Deleting an event does the
 * same to each of its documents (deleteDocumentsOfEvent).
 */
import { assertMayManageDocuments, documentNotFound } from '../../domain/document.ts';
import { getDocument, listDocumentsOfEvent, listDocumentVersions, saveDocument } from '../../store/documents.ts';
import { deleteDocumentObject } from '../../store/document-objects.ts';
import { DomainError } from '../../domain/errors.ts';
import type { EventDocument } from '../../domain/document.ts';
import type { Actor } from '../actor.ts';

export async function deleteDocumentUseCase(actor: Actor, documentId: string, now = new Date()): Promise<void> {
  assertMayManageDocuments(actor.roles);
  const found = await getDocument(actor.organizationId, documentId, true);
  if (!found || found.status === 'deleted') throw documentNotFound();
  await tombstoneAndPurge(found, now);
}

/** The tombstone first: once it is written nothing serves the objects, so a failure below leaves
 * unreachable objects (which bucket versioning keeps anyway), never a document without its file. */
async function tombstoneAndPurge(found: EventDocument, now: Date): Promise<void> {
  const versions = await listDocumentVersions(found.organizationId, found.id);
  const { pending, current: _current, ...rest } = found;
  if (found.status !== 'deleted') await saveDocument({ ...rest, status: 'deleted', updatedAt: now.toISOString(), revision: found.revision + 1 }, found.revision);
  const objectKeys = [...versions.map((version) => version.objectKey), ...(pending ? [pending.objectKey] : [])];
  await Promise.all(objectKeys.map((key) => deleteDocumentObject(key)));
}

/**
 * Every document of an event being deleted: tombstoned (the offline sync reports them deleted)
 * and every object deleted. Called by the event deletion once the event refuses new documents
 * (`deletingAt`), before its own items go, so a crash half way is finished by a second DELETE;
 * tombstones already written have their objects deleted again (deleting nothing is no error).
 */
export async function deleteDocumentsOfEvent(organizationId: string, eventId: string, now = new Date()): Promise<void> {
  const documents = await listDocumentsOfEvent(organizationId, eventId);
  for (const listed of documents) {
    // A document completed or replaced meanwhile moved its revision: read it again, a few times.
    for (let attempt = 1; ; attempt++) {
      const found = attempt === 1 ? listed : await getDocument(organizationId, listed.id, true);
      if (!found) break;
      try {
        await tombstoneAndPurge(found, now);
        break;
      } catch (error) {
        if (attempt >= 3 || !(error instanceof DomainError && error.code === 'CONCURRENT_UPDATE')) throw error;
      }
    }
  }
}
