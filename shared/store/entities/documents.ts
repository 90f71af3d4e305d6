/** Event documents and their versions (shared/domain/document.ts, docs/documents.md). */
import { defineEntity } from '../entity.ts';
import * as keys from '../keys.ts';
import type { DocumentVersion, EventDocument } from '../../domain/document.ts';

export const DocumentEntity = defineEntity<EventDocument>({
  name: 'Document',
  key: (document) => keys.document(document.organizationId, document.id),
  indexes: (document) => keys.documentIndexes(document.organizationId, document.eventId, document.createdAt, document.updatedAt, document.id),
});

export type StoredDocumentVersion = DocumentVersion & { organizationId: string; documentId: string };

export const DocumentVersionEntity = defineEntity<StoredDocumentVersion>({
  name: 'DocumentVersion',
  key: (version) => keys.documentVersion(version.organizationId, version.documentId, version.version),
});
