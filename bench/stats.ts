/** Summary statistics and plain-text tables for bench reports. */

export interface Distribution {
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
  samples: number[];
}

/** Linear interpolation between closest ranks (the usual "type 7" quantile). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty sample');
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    samples: [...samples],
  };
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

export const kib = (bytes: number): string => (bytes / 1024).toFixed(1);

/** Columns whose header starts with '>' are right-aligned (numbers); the '>' is not printed. */
export function table(headers: string[], rows: string[][]): string {
  const right = headers.map((header) => header.startsWith('>'));
  const titles = headers.map((header) => header.replace(/^>/, ''));
  const widths = titles.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (right[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(titles), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** A small seeded generator (mulberry32): the bootstrap gives the same interval for the same samples. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Percentile bootstrap interval of the median: resamples `samples` with replacement and takes the
 * `(1 - level) / 2` and `(1 + level) / 2` quantiles of the resampled medians.
 */
export function medianInterval(samples: readonly number[], level = 0.9, resamples = 2000, seed = 20261130): { low: number; high: number } {
  if (samples.length === 0) throw new Error('interval of an empty sample');
  const random = seededRandom(seed);
  const medians: number[] = [];
  const draw: number[] = new Array(samples.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < samples.length; i++) draw[i] = samples[Math.floor(random() * samples.length)]!;
    medians.push(quantile([...draw].sort((a, b) => a - b), 0.5));
  }
  medians.sort((a, b) => a - b);
  return { low: quantile(medians, (1 - level) / 2), high: quantile(medians, (1 + level) / 2) };
}
