/**
 * The served OpenAPI documents ship compressed (`*.openapi.compressed.ts`, written by
 * `npm run openapi` with shared/compressed-text.ts, which says why), decoded once, on the first
 * request.
 */
import { decompressText } from '../compressed-text.ts';

/** A loader that decodes and parses the document on its first call and returns the same object after. */
export function lazyDocument(base64: string): () => Promise<Record<string, unknown>> {
  let document: Promise<Record<string, unknown>> | undefined;
  return () => {
    document ??= Promise.resolve().then(() => JSON.parse(decompressText(base64)) as Record<string, unknown>);
    return document;
  };
}
