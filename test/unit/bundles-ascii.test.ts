/**
 * Every function's bundle is pure ASCII. One non-ASCII character anywhere in a bundle (esbuild
 * escapes strings, but keeps regular-expression literals as written) makes V8 hold and scan the
 * whole source as UTF-16: CreateEvent and CreateProductionEvent paid about 10% of their cold start
 * for one ligature class in shared/domain/slug.ts, the page functions for date-fns' French parsing
 * patterns (docs/bench.md, "Non-ASCII bundles"). Bundled as the stack bundles them
 * (bench/lambda-bundle.ts), in memory, every entry of the manifest in one esbuild call.
 */
import { describe, expect, it } from 'vitest';
import * as esbuild from 'esbuild';
import { authorizerEntry, backgroundEntries, routes } from '../../lib/manifest.ts';
import { lambdaBuildOptions } from '../../bench/lambda-bundle.ts';

describe('function bundles', () => {
  it('hold no character outside ASCII', async () => {
    // prepare
    const entries = [...new Set([...routes.map((route) => route.entry), authorizerEntry, ...backgroundEntries])];
    // act
    const result = await esbuild.build({ ...lambdaBuildOptions, sourcemap: false, entryPoints: Object.fromEntries(entries.map((entry, i) => [`fn${i}`, entry])), outdir: 'out', write: false, logLevel: 'silent' });
    // assess
    expect(result.outputFiles).toHaveLength(entries.length);
    const offenders = result.outputFiles.flatMap((file) => {
      const match = /[^\x00-\x7f]/.exec(file.text);
      const entry = entries[Number(/fn(\d+)\.js$/.exec(file.path)![1])];
      return match ? [`${entry}: ...${file.text.slice(Math.max(0, match.index - 40), match.index + 20)}...`] : [];
    });
    expect(offenders).toEqual([]);
  }, 120_000);
});
