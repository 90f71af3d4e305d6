/**
 * One local runtime per state directory: a second `npm start` on the same checkout is refused
 * before it touches anything, `--fresh` included (it would otherwise delete the running
 * runtime's database under its feet).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalRuntimeBusyError, startLocalRuntime } from '../../local/runtime.ts';

const projectRoot = join(import.meta.dirname, '..', '..');
let owner: ChildProcess | undefined;
let stateDir: string | undefined;

afterEach(() => {
  owner?.kill('SIGKILL');
  owner = undefined;
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('the local runtime lock', () => {
  it('refuses a second runtime on a state directory a live process holds, and deletes nothing even with fresh', async () => {
    // prepare: a live process (standing in for the first `npm start`) holds the lock, and its data exists
    owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    stateDir = mkdtempSync(join(tmpdir(), 'stagecrew-lock-'));
    writeFileSync(join(stateDir, 'runtime.pid'), `${owner.pid}\n`);
    mkdirSync(join(stateDir, 'dynamodb'));
    writeFileSync(join(stateDir, 'dynamodb', 'shared-local-instance.db'), 'data');
    // act
    const started = startLocalRuntime({ projectRoot, stateDir, port: 0, persist: true, fresh: true });
    // assess
    await expect(started).rejects.toThrow(LocalRuntimeBusyError);
    await expect(started).rejects.toThrow(`Another local runtime (pid ${owner.pid}) is already running`);
    expect(existsSync(join(stateDir, 'dynamodb', 'shared-local-instance.db'))).toBe(true);
    expect(existsSync(join(stateDir, 'runtime.pid'))).toBe(true);
  });
});
