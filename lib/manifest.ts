/**
 * THE ROUTE MANIFEST: the single source of truth for the HTTP surface. The CDK stack creates one
 * Lambda function and one API route per entry, the local gateway mounts the same handlers, the
 * OpenAPI document is generated from the same entries and their zod schemas, and `npm run routes`
 * writes their rate classes and idempotency into shared/http/route-policies.generated.ts for the
 * run time.
 *
 * The routes live per surface in lib/routes/ (PlanningHub per area), each built by
 * defineRoutes() (lib/routes/define.ts) from its surface's defaults: entry file from the id,
 * auth, tag, standard error responses, rate class, idempotency.
 *
 * Handler files export `handler` and never import this file (it would pull every schema into
 * every bundle).
 */
import { eventLiteRoutes } from './routes/eventlite.ts';
import { equipmentRoutes } from './routes/planninghub/equipment.ts';
import { productionEventRoutes } from './routes/planninghub/events.ts';
import { identityRoutes } from './routes/planninghub/identity.ts';
import { memberRoutes } from './routes/planninghub/members.ts';
import { shiftRoutes } from './routes/planninghub/shifts.ts';
import { documentRoutes } from './routes/planninghub/documents.ts';
import { calendarRoutes } from './routes/planninghub/calendar.ts';
import { planningHubOpenApiRoutes } from './routes/planninghub/openapi.ts';
import { technicianRoutes } from './routes/planninghub/technicians.ts';
import { webhookRoutes } from './routes/planninghub/webhooks.ts';
import { notFoundRoute, systemRoutes } from './routes/system.ts';
import { pageRoutes } from './routes/pages.ts';
import type { RouteDefinition } from './routes/define.ts';

export type { Access, AuthMode, HttpMethod, RateClass, ResponseDoc, RouteDefinition, Surface } from './routes/define.ts';
export { entryOf, kebabCase, routeKeyOf } from './routes/define.ts';

export const routes: RouteDefinition[] = [
  ...systemRoutes,
  ...eventLiteRoutes,
  ...identityRoutes,
  ...memberRoutes,
  ...productionEventRoutes,
  ...technicianRoutes,
  ...equipmentRoutes,
  ...shiftRoutes,
  ...documentRoutes,
  ...calendarRoutes,
  ...planningHubOpenApiRoutes,
  ...webhookRoutes,
  ...pageRoutes,
  notFoundRoute!,
];

/** Functions that are not routes: the authorizer, and the webhook path's (lib/constructs/webhooks.ts). */
export const authorizerEntry = 'functions/auth/authorizer.ts';
/** The webhook path's functions by role (docs/webhooks.md). */
export const webhookFunctionEntries = {
  publisher: 'functions/webhooks/publish-outbox.ts',
  delivery: 'functions/webhooks/deliver-webhooks.ts',
  maintenanceDue: 'functions/jobs/maintenance-due.ts',
} as const;
/** Functions an operator invokes, neither routes nor scheduled (lib/constructs/jobs.ts). */
export const jobFunctionEntries = {
  backfillEventCounters: 'functions/jobs/backfill-event-counters.ts',
} as const;
/** The outbox publisher, the webhook delivery function, the maintenance-due schedule's function and the operator jobs. */
export const backgroundEntries: string[] = [...Object.values(webhookFunctionEntries), ...Object.values(jobFunctionEntries)];
