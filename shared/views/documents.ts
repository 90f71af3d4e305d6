/** Event documents on the wire (snake_case, instants in UTC). */
import type { DocumentVersion, EventDocument } from '../domain/document.ts';

interface Download {
  url: string;
  expiresAt: string;
}

export function documentView(document: EventDocument, download: Download | null) {
  const shown = document.current ?? document.pending;
  return {
    id: document.id,
    event_id: document.eventId,
    kind: document.kind,
    status: document.status,
    file_name: shown?.fileName ?? '',
    content_type: shown?.contentType ?? 'application/pdf',
    size: shown?.size ?? 0,
    sha256: document.current?.sha256 ?? null,
    version: document.current?.version ?? 0,
    download_url: download?.url ?? null,
    download_expires_at: download?.expiresAt ?? null,
    pending_version: document.pending?.version ?? null,
    created_at: document.createdAt,
    updated_at: document.updatedAt,
  };
}

export function documentUploadView(document: EventDocument, upload: { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string }) {
  return { ...documentView(document, null), upload: { method: upload.method, url: upload.url, headers: upload.headers, expires_at: upload.expiresAt } };
}

export function documentVersionView(version: DocumentVersion, download: Download | null) {
  return {
    version: version.version,
    file_name: version.fileName,
    content_type: version.contentType,
    size: version.size,
    sha256: version.sha256,
    created_at: version.createdAt,
    download_url: download?.url ?? '',
    download_expires_at: download?.expiresAt ?? '',
  };
}

/** What a shift's metadata shows for a document it points at: enough for the app to cache by hash. */
export function documentReferenceView(document: EventDocument, download: Download) {
  const current = document.current!;
  return { id: document.id, file_name: current.fileName, content_type: current.contentType, size: current.size, sha256: current.sha256, download_url: download.url };
}

/** The ETag of a document: its revision (every change bumps it). */
export const documentEtag = (document: EventDocument) => `W/"doc-${document.revision}"`;

