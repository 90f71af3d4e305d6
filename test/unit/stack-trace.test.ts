/**
 * Stack traces of logged errors in the sources' terms although the functions run without
 * `--enable-source-maps` (shared/observability/stack-trace.ts): a real bundle built the way the
 * stack builds one (bench/lambda-bundle.ts), a real error thrown from it, its stack mapped.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { lambdaBuildOptions } from '../../bench/lambda-bundle.ts';
import { originalStack } from '../../shared/observability/stack-trace.ts';
import { createLogger } from '../../shared/http/logger.ts';

const run = promisify(execFile);
let directory: string;
let thrown: Error;

beforeAll(async () => {
  // prepare: a module whose throw is on line 6 of its source, minified into one line of a bundle
  directory = mkdtempSync(join(tmpdir(), 'stack-trace-'));
  writeFileSync(
    join(directory, 'thrower.ts'),
    ['export function handler(input: { name: string }): string {', '  const greeting = `hello ${input.name}`;', '  return check(greeting);', '}', 'function check(text: string): string {', "  if (text.length > 3) throw new Error('too long: ' + text);", '  return text;', '}', ''].join('\n'),
  );
  await esbuild.build({ ...lambdaBuildOptions, entryPoints: [join(directory, 'thrower.ts')], outfile: join(directory, 'out', 'index.mjs'), logLevel: 'silent' });
  // Thrown in a plain Node, as on Lambda: this test process applies source maps to stacks itself.
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(directory, 'out', 'index.mjs')).href)}); try { handler({ name: 'world' }); } catch (error) { process.stdout.write(error.stack); }`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], { env: { PATH: process.env.PATH } });
  thrown = Object.assign(new Error('too long: hello world'), { stack: stdout });
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('originalStack', () => {
  it("maps a bundle's frames to the source file, line and column", () => {
    // prepare
    expect(thrown.stack).toMatch(/out\/index\.mjs:2:\d+/); // line 1 is the banner
    // act
    const mapped = originalStack(thrown.stack)!;
    // assess: the throw (line 6, column 29 of `throw`'s `new Error`), then its caller (line 3)
    const frames = mapped.split('\n').filter((line) => line.includes('thrower.ts'));
    expect(frames[0]).toMatch(/thrower\.ts:6:\d+/);
    expect(frames[1]).toMatch(/thrower\.ts:3:\d+/);
    expect(mapped).not.toMatch(/index\.mjs:\d/);
    expect(mapped.split('\n')[0]).toBe('Error: too long: hello world');
  });

  it('leaves frames without a map beside their file, and undefined, as they are', () => {
    // prepare: this test's own frames point at TypeScript sources with no .map beside them
    const local = new Error('local').stack!;
    // act / assess
    expect(originalStack(local)).toBe(local);
    expect(originalStack(undefined)).toBeUndefined();
    expect(originalStack('Error: x\n    at f (file:///nowhere/index.mjs:1:10)')).toBe('Error: x\n    at f (file:///nowhere/index.mjs:1:10)');
  });

  it('maps frame lines only: a position quoted by the message stays as written', () => {
    // prepare: the bundle's own location, quoted in the message line
    const location = /\(?(file:\/\/\/\S+?index\.mjs:\d+:\d+)\)?/.exec(thrown.stack!)![1]!;
    const stack = `Error: failed at ${location}\n${thrown.stack!.split('\n').slice(1).join('\n')}`;
    // act
    const mapped = originalStack(stack)!;
    // assess
    expect(mapped.split('\n')[0]).toBe(`Error: failed at ${location}`);
    expect(mapped.split('\n')[1]).toMatch(/thrower\.ts:6:\d+/);
  });

  it('is what the logger writes for an error', () => {
    // prepare
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    // act
    createLogger().error('unexpected error', { error: thrown });
    // assess
    const logged = lines.map((line) => JSON.parse(line) as { error?: { stack: string } }).find((entry) => entry.error);
    expect(logged?.error?.stack).toMatch(/thrower\.ts:6:\d+/);
  });
});
