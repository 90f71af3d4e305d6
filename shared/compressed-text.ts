/**
 * Static text that functions bundle as brotli-compressed base64 rather than as code: the OpenAPI
 * documents (shared/openapi/*.openapi.compressed.ts) and the message catalogue's texts
 * (shared/messages/texts.generated.ts). A bundler turns JSON or literals into object literals
 * that V8 scans and pre-parses at every cold start, run or not, and an import's cost grows with
 * its bytes (docs/bench.md); a string of a few KB costs next to nothing and is decoded on first
 * use. zlib is reached through `process.getBuiltinModule` when called, so importing this module
 * loads nothing at init.
 */
const zlib = () => process.getBuiltinModule('node:zlib');

/** For the generators (and the tests that keep their output current): one encoding for all. */
export function compressText(text: string): string {
  const { brotliCompressSync, constants } = zlib();
  return brotliCompressSync(Buffer.from(text, 'utf8'), {
    params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) },
  }).toString('base64');
}

export function decompressText(base64: string): string {
  return zlib().brotliDecompressSync(Buffer.from(base64, 'base64')).toString('utf8');
}
