/**
 * What shifts need of documents, without the S3 client (shift functions are not granted the
 * bucket): the conditions a shift's write puts on the documents its metadata points at.
 * Resolving them for GET /v1/shifts/{id} is readyDocuments in read-documents.ts.
 */
import { assertDocumentReferences, documentReferencesOf } from '../../domain/document.ts';
import { DomainError } from '../../domain/errors.ts';
import { getDocuments, readyDocumentCheck } from '../../store/documents.ts';

type Metadata = Parameters<typeof documentReferencesOf>[0];

export interface ShiftDocumentChecks {
  /** ConditionChecks to add to the shift's transaction, one per document id. */
  items: ReturnType<typeof readyDocumentCheck>[];
  /** The 400 naming the fields, when the item at `index` of `items` was refused. */
  refused(index: number): Promise<DomainError>;
}

/**
 * The checks of a shift's write: each document id its metadata points at must name a ready
 * document of the shift's event, held by a ConditionCheck in the write's transaction. On an
 * update, ids the shift already pointed at in the same event are not checked again: a document
 * deleted since shows as null (docs/documents.md) and must not block an unrelated change.
 */
export function shiftDocumentChecks(organizationId: string, draft: { eventId: string; metadata: Metadata }, previous?: { eventId: string; metadata: Metadata }): ShiftDocumentChecks {
  const kept = new Set(previous && previous.eventId === draft.eventId ? documentReferencesOf(previous.metadata).map(({ id }) => id) : []);
  const references = documentReferencesOf(draft.metadata).filter(({ id }) => !kept.has(id));
  // One transaction cannot touch an item twice: one check per id, whatever the fields naming it.
  const ids = [...new Set(references.map(({ id }) => id))];
  return {
    items: ids.map((id) => readyDocumentCheck(organizationId, id, draft.eventId)),
    async refused(index) {
      // Read after the refusal, only to name every wrong field in the answer.
      const found = await getDocuments(organizationId, ids);
      try {
        assertDocumentReferences(references, new Map(found.map((document) => [document.id, document])), draft.eventId);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      // Ready again by now: the refused id is still what the write could not hold to.
      const refusedId = ids[index];
      const refusedOnly = references.filter(({ id }) => id === refusedId);
      try {
        assertDocumentReferences(refusedOnly, new Map(), draft.eventId);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error(`document check ${index} refused without a reference`);
    },
  };
}

/** Thrown out of the allocation when the transaction refused a document check (`index` in ShiftDocumentChecks.items). */
export class DocumentCheckRefused extends Error {
  constructor(readonly index: number) {
    super(`document check ${index} refused`);
  }
}
