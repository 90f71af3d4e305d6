/**
 * Bundles handler entries exactly as the CDK stack's NodejsFunction does, so sizes and load times
 * are those of the deployed code.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { BuildOptions, Metafile } from 'esbuild';

/**
 * The esbuild arguments NodejsFunction derives from `bundling` in lib/constructs/api-function.ts
 * (aws-cdk-lib 2.276, Bundling.buildEsbuildArgs). Keep the two in step: a bench that bundles
 * differently measures something that is never deployed.
 *
 * - `bundleAwsSDK: true` means no externals: the SDK is in every bundle.
 * - `sourceMap: true` without a mode is esbuild's linked map; `sourcesContent: false` keeps
 *   sources out of it.
 * - No `charset`: the stack sets none either, so bundles are esbuild's default, ASCII (a
 *   non-ASCII bundle is held as UTF-16 by V8; test/unit/bundles-ascii.test.ts).
 */
export const lambdaBuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);",
  },
  external: [],
  logLevel: 'warning',
} satisfies BuildOptions;

export interface BundleRequest {
  id: string;
  /** Relative to the project root, as in the manifest. */
  entry: string;
  /**
   * Modules replaced in this bundle only (project-relative path -> project-relative replacement):
   * the cold-start variants (bench/variants/) measure a function as it would be with another
   * implementation of one module, without touching the application's code.
   */
  substitutes?: Record<string, string>;
}

export interface PackageShare {
  /** An npm package name, or `app:<folder>` for the project's own code. */
  name: string;
  bytes: number;
}

export interface BundleResult extends BundleRequest {
  /** Absolute path of the bundle (`<outDir>/<id>/index.mjs`, the name NodejsFunction uses). */
  file: string;
  bytes: number;
  sourceMapBytes: number;
  /** Minified bytes each package contributes to the bundle, largest first. */
  packages: PackageShare[];
  /** The largest single input files, for a closer look than packages give. */
  topInputs: PackageShare[];
  metafile: string;
}

export interface BundleFailure extends BundleRequest {
  error: string;
}

/**
 * All at once: esbuild parallelises internally and the builds share one service process. A
 * handler that does not build is reported as such, without hiding the others' figures.
 */
export async function bundleAll(projectRoot: string, outDir: string, requests: BundleRequest[]): Promise<(BundleResult | BundleFailure)[]> {
  const settled = await Promise.allSettled(requests.map((request) => bundleOne(projectRoot, outDir, request)));
  return settled.map((outcome, index) =>
    outcome.status === 'fulfilled'
      ? outcome.value
      : { ...requests[index]!, error: `does not build: ${(outcome.reason as Error).message.split('\n').slice(0, 4).join(' | ')}` },
  );
}

export const isBundleFailure = (bundle: BundleResult | BundleFailure): bundle is BundleFailure => 'error' in bundle;

async function bundleOne(projectRoot: string, outDir: string, request: BundleRequest): Promise<BundleResult> {
  const folder = path.join(outDir, request.id);
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, 'index.mjs');
  const result = await esbuild.build({
    ...lambdaBuildOptions,
    // NodejsFunction runs esbuild from the project root with an entry relative to it.
    absWorkingDir: projectRoot,
    entryPoints: [request.entry],
    outfile: file,
    // Only describes the build; the emitted code is the same without it.
    metafile: true,
    plugins: request.substitutes ? [substitute(projectRoot, request.substitutes)] : [],
  });
  const metafilePath = path.join(folder, 'meta.json');
  await writeFile(metafilePath, JSON.stringify(result.metafile));

  const output = findOutput(result.metafile, projectRoot, file);
  const inputs = Object.entries(output.inputs).map(([input, { bytesInOutput }]) => ({ name: input, bytes: bytesInOutput }));
  const byPackage = new Map<string, number>();
  for (const input of inputs) byPackage.set(packageOf(input.name), (byPackage.get(packageOf(input.name)) ?? 0) + input.bytes);

  return {
    ...request,
    file,
    bytes: (await stat(file)).size,
    sourceMapBytes: (await stat(`${file}.map`)).size,
    packages: [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
    topInputs: inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 15),
    metafile: metafilePath,
  };
}

/** Resolves the relative imports of the given modules to their replacements (the app imports by relative path). */
function substitute(projectRoot: string, substitutes: Record<string, string>): esbuild.Plugin {
  const targets = new Map(Object.entries(substitutes).map(([from, to]) => [path.resolve(projectRoot, from), path.resolve(projectRoot, to)]));
  return {
    name: 'bench-substitute',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = targets.get(path.resolve(args.resolveDir, args.path));
        return target && args.importer !== target ? { path: target } : undefined;
      });
    },
  };
}

function findOutput(metafile: Metafile, projectRoot: string, file: string): Metafile['outputs'][string] {
  const key = path.relative(projectRoot, file).split(path.sep).join('/');
  const output = metafile.outputs[key];
  if (!output) throw new Error(`esbuild metafile has no output ${key} (has: ${Object.keys(metafile.outputs).join(', ')})`);
  return output;
}

/**
 * `node_modules/.pnpm/x/node_modules/@scope/name/...` -> `@scope/name`; the innermost
 * node_modules wins, so nested copies count for the package that is actually loaded. zod is split
 * into its locales and the rest because its locales are a separate, avoidable cost.
 */
export function packageOf(input: string): string {
  const parts = input.split('/');
  const last = parts.lastIndexOf('node_modules');
  if (last === -1) return `app:${parts.slice(0, Math.min(2, parts.length - 1)).join('/') || input}`;
  const name = parts[last + 1]?.startsWith('@') ? `${parts[last + 1]}/${parts[last + 2]}` : parts[last + 1]!;
  if (name === 'zod' && parts.includes('locales')) return 'zod (locales)';
  return name;
}
