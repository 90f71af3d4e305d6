/**
 * Starts the local runtime once per test run (DynamoDB Local in memory, fauxqs, the gateway on a
 * free port) and hands its coordinates to the test files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalRuntime } from '../../local/runtime.ts';
import type { DemoCredential } from '../../local/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dynamoDbEndpoint: string;
    tableName: string;
    credentials: DemoCredential[];
    issuerKeyDir: string;
  }
}

export default async function setup(project: TestProject) {
  process.env.LOG_SILENT ??= 'true';
  // The test files share the demo callers and run in parallel: the spec's 100/min would throttle
  // the suite itself. Rate-limit tests use organisations with their own low limits instead.
  process.env.RATE_LIMIT_STANDARD ??= '100000';
  process.env.RATE_LIMIT_CRITICAL ??= '100000';
  const stateDir = mkdtempSync(join(tmpdir(), 'stagecrew-test-'));
  // DynamoDB Local serves a burst's calls one after another, at a fraction of its idle speed when
  // the suite shares 2 cores with other work: the 200-registration race may take longer than the
  // 30 s a local function gets by default, though nothing in it is wrong (docs/registrations.md).
  const functionTimeoutMs = Number(process.env.TEST_FUNCTION_TIMEOUT_SECONDS ?? 180) * 1000;
  const runtime = await startLocalRuntime({ projectRoot: join(import.meta.dirname, '..', '..'), stateDir, port: 0, persist: false, testControls: true, functionTimeoutMs });
  project.provide('baseUrl', runtime.baseUrl);
  project.provide('dynamoDbEndpoint', runtime.dynamoDbEndpoint);
  project.provide('tableName', runtime.tableName);
  project.provide('credentials', runtime.credentials);
  project.provide('issuerKeyDir', stateDir);
  return async () => {
    await runtime.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
}
