/**
 * Every function's bundle is pure ASCII. One non-ASCII character anywhere in a bundle (esbuild
 * escapes strings, but keeps regular-expression literals as written) makes V8 hold and scan the
 * whole source as UTF-16: CreateEvent and CreateProductionEvent paid about 10% of their cold start
 * for one ligature class in shared/domain/slug.ts, the page functions for date-fns' French parsing
 * patterns (docs/bench.md, "Non-ASCII bundles"). Bundled as the stack bundles them
 * (bench/lambda-bundle.ts), in memory, every entry of the manifest in one esbuild call.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as esbuild from 'esbuild';
import { authorizerEntry, backgroundEntries, routes } from '../../lib/manifest.ts';
import { lambdaBuildOptions } from '../../bench/lambda-bundle.ts';
import { areaTexts } from '../../shared/messages/texts.ts';

const entries = [...new Set([...routes.map((route) => route.entry), authorizerEntry, ...backgroundEntries])];
let result: esbuild.BuildResult<{ write: false }>;

beforeAll(async () => {
  result = await esbuild.build({ ...lambdaBuildOptions, sourcemap: false, entryPoints: Object.fromEntries(entries.map((entry, i) => [`fn${i}`, entry])), outdir: 'out', write: false, logLevel: 'silent' });
}, 120_000);

describe('function bundles', () => {
  it('hold no character outside ASCII', () => {
    // assess
    expect(result.outputFiles).toHaveLength(entries.length);
    const offenders = result.outputFiles.flatMap((file) => {
      const match = /[^\x00-\x7f]/.exec(file.text);
      const entry = entries[Number(/fn(\d+)\.js$/.exec(file.path)![1])];
      return match ? [`${entry}: ...${file.text.slice(Math.max(0, match.index - 40), match.index + 20)}...`] : [];
    });
    expect(offenders).toEqual([]);
  });

  it("hold the catalogue's fixed texts only compressed, never as object literals (shared/messages/define.ts)", () => {
    // prepare: one English sentence of each area, in double quotes as esbuild prints a string literal
    const samples = areaTexts.map((texts) => Object.values(texts()).map((text) => text.en).find((en) => en.length >= 20 && /^[\x20-\x7e]+$/.test(en) && !/["'`\\]/.test(en))!);
    // act
    const offenders = result.outputFiles.flatMap((file) => samples.filter((sample) => file.text.includes(`"${sample}"`)).map((sample) => `${entries[Number(/fn(\d+)\.js$/.exec(file.path)![1])]}: ${sample}`));
    // assess
    expect(samples).toHaveLength(areaTexts.length);
    expect(offenders).toEqual([]);
  });
});
