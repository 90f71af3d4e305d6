/**
 * `npm start`: the whole product on this machine. `npm start -- --fresh` throws away the data
 * kept under .local/ first. Stops cleanly on SIGINT/SIGTERM (no Java process left behind).
 * HOST (default 127.0.0.1) is where the gateway listens: 0.0.0.0 or a LAN address lets a phone
 * reach it. A second start on the same checkout, or a PORT already taken, refuses in one line.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { LocalRuntimeBusyError, startLocalRuntime } from './runtime.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const fresh = process.argv.includes('--fresh') || process.env.FRESH === 'true';
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST?.trim() || '127.0.0.1';
process.env.LOG_SILENT ??= process.env.LOG_REQUESTS === 'true' ? 'false' : 'true';

// Installed before anything starts: a signal in the middle of the start exits at once, and the
// exit hook of local/dynamodb.ts kills the Java child; once running, everything stops in order.
let runtime: Awaited<ReturnType<typeof startLocalRuntime>> | undefined;
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal} received, stopping...`);
  await runtime?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  runtime = await startLocalRuntime({ projectRoot, stateDir: join(projectRoot, '.local'), port, host, persist: true, fresh });
} catch (error) {
  // What a newcomer can fix gets one line; anything else keeps its stack.
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof LocalRuntimeBusyError) console.error(`npm start: ${error.message}.`);
  else if (code === 'EADDRINUSE') console.error(`npm start: port ${port} is already in use on ${host}; choose another with PORT=...`);
  else if (code === 'EADDRNOTAVAIL') console.error(`npm start: HOST=${host} is not an address of this machine.`);
  else throw error;
  process.exit(1);
}

/** With a wildcard HOST, the addresses a phone on the same network can use. */
const lanUrls =
  host === '0.0.0.0' || host === '::'
    ? Object.values(networkInterfaces())
        .flat()
        .filter((address) => address && !address.internal && address.family === 'IPv4')
        .map((address) => `http://${address!.address}:${new URL(runtime!.baseUrl).port}`)
    : [];

const lines = [
  '',
  `PlanningHub + EventLite running at ${runtime.baseUrl}`,
  ...lanUrls.map((url) => `  on the LAN      ${url}`),
  `  health          ${runtime.baseUrl}/health`,
  `  EventLite API   ${runtime.baseUrl}/api/v1/events   (OpenAPI: ${runtime.baseUrl}/api/v1/openapi)`,
  `  JWKS (dev)      ${runtime.baseUrl}/.well-known/jwks.json`,
  `  DynamoDB Local  ${runtime.dynamoDbEndpoint}  table ${runtime.tableName}`,
  `  SNS/S3 (fauxqs) ${runtime.awsEndpoint}`,
  '',
  'Demo credentials (also in .local/dev-credentials.json):',
  ...runtime.credentials.flatMap((user) => [
    `  ${user.email}  (organisation ${user.organizationId})`,
    `    API key:      ${user.apiKey}`,
    `    access token: ${user.accessToken.slice(0, 24)}... (see the file)`,
  ]),
  '',
  `Try: curl -H "Authorization: Bearer ${runtime.credentials[0]?.apiKey}" ${runtime.baseUrl}/api/v1/events`,
  'Ctrl+C stops everything.',
];
console.log(lines.join('\n'));
