/**
 * Routes of no surface: the liveness probe, and the catch-all that answers unknown paths and
 * methods in the envelope of the surface the path belongs to. Public, and never counted: a
 * probe throttled would hide an outage, and an unknown path does no work (the stage's
 * throttling bounds floods).
 */
import { defineRoutes, type SurfaceDefaults } from './define.ts';

const system: SurfaceDefaults = { surface: 'system', tag: 'System', auth: 'none', rateClass: 'none', authenticatedErrors: {}, tableAccess: false };

export const systemRoutes = defineRoutes(system, [
  {
    id: 'Health',
    method: 'GET',
    path: '/health',
    docs: { summary: 'Liveness probe', responses: { 200: { description: 'The API answers', contentType: 'application/json' } } },
  },
]);

/**
 * API Gateway's `$default` route: whatever no other route serves. Kept apart so the manifest can
 * put it last (the local gateway tries routes in order of specificity anyway).
 */
export const [notFoundRoute] = defineRoutes(system, [
  {
    id: 'NotFound',
    method: 'ANY',
    path: '$default',
    idempotent: false,
    docs: {
      summary: 'Unknown path or method: 404, or 405 with Allow, in the envelope of the path\'s surface',
      responses: { 404: { description: 'No such path' }, 405: { description: 'The path exists with other methods (Allow)' } },
    },
  },
]);
