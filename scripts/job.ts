/**
 * `npm run job -- <name> [--organization <id>]...`: runs a job's function once against the
 * running local stack (`npm start`), as EventBridge Scheduler or an operator invokes it deployed.
 * The runtime writes its endpoints to `<state dir>/runtime-env.json` (STATE_DIR, default
 * `.local`); the events the job writes go through the stack's stream, SNS and webhook deliveries
 * like any other.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const jobs: Record<string, string> = {
  'maintenance-due': '../functions/jobs/maintenance-due.ts',
  'backfill-event-counters': '../functions/jobs/backfill-event-counters.ts',
};

const [name, ...rest] = process.argv.slice(2);
if (!name || !jobs[name]) {
  console.error(`usage: npm run job -- <${Object.keys(jobs).join('|')}> [--organization <id>]...`);
  process.exit(2);
}
const organizationIds = rest.flatMap((arg, i) => (rest[i - 1] === '--organization' ? [arg] : []));
const stateDir = process.env.STATE_DIR ?? join(process.cwd(), '.local');
const file = join(stateDir, 'runtime-env.json');
if (!existsSync(file)) {
  console.error(`No running local stack found (${file} is missing): start one with npm start`);
  process.exit(1);
}
const { pid, environment } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; environment: Record<string, string> };
try {
  process.kill(pid, 0);
} catch {
  console.error(`The local stack that wrote ${file} (pid ${pid}) is not running: start one with npm start`);
  process.exit(1);
}
Object.assign(process.env, environment);
const { handler } = (await import(jobs[name]!)) as { handler: (event: { organizationIds?: string[] }) => Promise<unknown> };
const result = await handler(organizationIds.length > 0 ? { organizationIds } : {});
console.log(JSON.stringify({ job: name, ...(result as object) }));
