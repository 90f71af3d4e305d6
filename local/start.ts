/**
 * `npm start`: the whole product on this machine. `npm start -- --fresh` throws away the data
 * kept under .local/ first. Stops cleanly on SIGINT/SIGTERM (no Java process left behind).
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startLocalRuntime } from './runtime.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const fresh = process.argv.includes('--fresh') || process.env.FRESH === 'true';
const port = Number(process.env.PORT ?? 3000);
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

runtime = await startLocalRuntime({ projectRoot, stateDir: join(projectRoot, '.local'), port, persist: true, fresh });

const lines = [
  '',
  `PlanningHub + EventLite running at ${runtime.baseUrl}`,
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
