/**
 * Writes shared/http/route-policies.generated.ts from the manifest: each route key's rate class
 * and idempotency, the only part of the manifest the run time needs (see
 * shared/http/route-policies.ts). Run after changing a route: `npm run routes`.
 */
import { writeFileSync } from 'node:fs';
import { routes, routeKeyOf } from '../lib/manifest.ts';

export function routePoliciesSource(): string {
  const lines = [...routes]
    .map((route) => [routeKeyOf(route), route.rateClass, route.idempotent] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, rateClass, idempotent]) => `  '${key}': { rateClass: '${rateClass}', idempotent: ${idempotent} },`);
  return [
    '// Generated from lib/manifest.ts by `npm run routes`; do not edit (test/unit/route-policies.test.ts checks it).',
    "import type { RoutePolicy } from './route-policies.ts';",
    '',
    'export const routePolicies: Readonly<Record<string, RoutePolicy>> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../shared/http/route-policies.generated.ts', import.meta.url), routePoliciesSource());
}
