/**
 * DELETE /v1/documents/{id}: the document becomes a tombstone (404 to readers, reported as
 * deleted by the offline sync) and every version's object is deleted.
 */
import { assertMayManageDocuments, documentNotFound } from '../../domain/document.ts';
import { getDocument, listDocumentVersions, saveDocument } from '../../store/documents.ts';
import { deleteDocumentObject } from '../../store/document-objects.ts';
import type { Actor } from '../actor.ts';

export async function deleteDocumentUseCase(actor: Actor, documentId: string, now = new Date()): Promise<void> {
  assertMayManageDocuments(actor.roles);
  const found = await getDocument(actor.organizationId, documentId, true);
  if (!found || found.status === 'deleted') throw documentNotFound();
  const versions = await listDocumentVersions(actor.organizationId, documentId);
  const { pending, current: _current, ...rest } = found;
  // The tombstone first: once it is written nothing serves the objects, so a failure below leaves
  // unreachable objects (which bucket versioning keeps anyway), never a document without its file.
  await saveDocument({ ...rest, status: 'deleted', updatedAt: now.toISOString(), revision: found.revision + 1 }, found.revision);
  const objectKeys = [...versions.map((version) => version.objectKey), ...(pending ? [pending.objectKey] : [])];
  await Promise.all(objectKeys.map((key) => deleteDocumentObject(key)));
}
