/**
 * Stack traces in the sources' terms, without `--enable-source-maps`. With that flag Node reads and
 * decodes a bundle's whole source map at every cold start, whether or not anything is ever thrown:
 * 12-14% of each function's import (docs/bench.md, "Source maps"). The maps still ship beside the
 * bundles (lib/constructs/api-function.ts); this module reads one the first time an error is
 * logged in a process, and rewrites the positions of the frames that point into a bundle. Frames
 * of a file without a map beside it (the local runtime runs the TypeScript sources) are left as
 * they are, and so is everything when a map cannot be read: the raw stack is still a stack.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decode, type SourceMapMappings } from '@jridgewell/sourcemap-codec';

interface LoadedMap {
  sources: string[];
  lines: SourceMapMappings;
}

const maps = new Map<string, LoadedMap | null>();

/** `../../../shared/http/endpoint.ts` -> `shared/http/endpoint.ts`; dependencies from `node_modules/` on. */
const tidy = (source: string) => {
  const dependency = source.lastIndexOf('node_modules/');
  return dependency >= 0 ? source.slice(dependency) : source.replace(/^(?:\.\.?\/)+/, '');
};

function mapOf(file: string): LoadedMap | null {
  if (!maps.has(file)) {
    let loaded: LoadedMap | null = null;
    try {
      const raw = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
      loaded = { sources: raw.sources.map(tidy), lines: decode(raw.mappings) };
    } catch {
      // No map beside the file, or not a map: its frames keep their positions.
    }
    maps.set(file, loaded);
  }
  return maps.get(file)!;
}

/** The original position of a 1-based line and column of `file`, or null. */
function originalPosition(file: string, line: number, column: number): string | null {
  const map = mapOf(file);
  const segments = map?.lines[line - 1];
  if (!map || !segments || segments.length === 0) return null;
  // The last segment starting at or before the column (segments are sorted by generated column).
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (segments[middle]![0] <= column - 1) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  const segment = found >= 0 ? segments[found]! : undefined;
  if (!segment || segment.length < 4) return null;
  return `${map.sources[segment[1]!]}:${segment[2]! + 1}:${segment[3]! + 1}`;
}

// Positions of JavaScript files only, and only on frame lines (`    at ...`): the message above
// them may quote anything, and no file is read because of what a message says.
const FRAME_LOCATION = /(file:\/\/\/[^\s()]+\.[cm]?js|\/[^\s():]+\.[cm]?js):(\d+):(\d+)/g;
const FRAME_LINE = /^\s+at .*$/gm;

/** `stack` with every position inside a bundle replaced by its source's; unchanged where there is no map. */
export function originalStack(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  return stack.replace(FRAME_LINE, (frame) => frame.replace(FRAME_LOCATION, mapLocation));
}

function mapLocation(whole: string, location: string, line: string, column: string): string {
  let file: string;
  try {
    file = location.startsWith('file:') ? fileURLToPath(location) : location;
  } catch {
    return whole;
  }
  return originalPosition(file, Number(line), Number(column)) ?? whole;
}
