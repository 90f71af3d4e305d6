/**
 * The served OpenAPI documents ship as brotli-compressed base64 strings (`*.openapi.compressed.ts`,
 * written by `npm run openapi`), not as JSON modules: the bundler turns a JSON module into an object
 * literal that V8 must scan and pre-parse at every cold start even when the code never runs, and the
 * import cost grows with the bundle's bytes (docs/bench.md). A string of some 20 KB costs next to
 * nothing to load; it is decoded once, on the first request.
 */
import { Buffer } from 'node:buffer';

/** The generator and the test that keeps the module current share these, so both encode alike. */
export async function compressDocument(json: string): Promise<string> {
  const { brotliCompressSync, constants } = await import('node:zlib');
  return brotliCompressSync(Buffer.from(json, 'utf8'), {
    params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(json) },
  }).toString('base64');
}

/** The document's JSON text. zlib is imported here, not at module scope, so that the init does not load it. */
export async function decompressDocument(base64: string): Promise<string> {
  const { brotliDecompressSync } = await import('node:zlib');
  return brotliDecompressSync(Buffer.from(base64, 'base64')).toString('utf8');
}

/** A loader that decodes and parses the document on its first call and returns the same object after. */
export function lazyDocument(base64: string): () => Promise<Record<string, unknown>> {
  let document: Promise<Record<string, unknown>> | undefined;
  return () => {
    document ??= decompressDocument(base64).then((json) => JSON.parse(json) as Record<string, unknown>);
    return document;
  };
}
