/**
 * What shifts need of documents, without the S3 client (shift functions are not granted the
 * bucket): checking the ids a shift's metadata points at. Resolving them for GET /v1/shifts/{id}
 * is readyDocuments in read-documents.ts.
 */
import { assertDocumentReferences, documentReferencesOf } from '../../domain/document.ts';
import { getDocuments } from '../../store/documents.ts';

/** Every document id in `metadata` names a live document of the shift's event (400 naming the field otherwise). */
export async function checkShiftDocuments(organizationId: string, eventId: string, metadata: Parameters<typeof documentReferencesOf>[0]): Promise<void> {
  const references = documentReferencesOf(metadata);
  if (references.length === 0) return;
  const found = await getDocuments(organizationId, references.map(({ id }) => id));
  assertDocumentReferences(references, new Map(found.map((document) => [document.id, document])), eventId);
}
