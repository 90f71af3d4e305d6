/**
 * The rate class and idempotency of a request, as the route manifest declares them. The manifest
 * cannot be imported at run time (it would pull every schema into every bundle, see
 * lib/manifest.ts), so `npm run routes` writes its route keys, rate classes and idempotency
 * into route-policies.generated.ts, a few kilobytes of plain data; test/unit/route-policies.test.ts
 * fails when that table and the manifest disagree. The authorizer, the rate-limit middleware,
 * the idempotency guard and the catch-all function read that table through this module.
 *
 * Limits (PlanningHub spec, "Rate Limiting"): 100 requests/min standard, 20 requests/min critical.
 */
import { routePolicies } from './route-policies.generated.ts';

export type RateClass = 'critical' | 'standard' | 'none';

export interface RoutePolicy {
  rateClass: RateClass;
  idempotent: boolean;
}

/**
 * What a route gets when its declaration says nothing, shared by the manifest's builder and by
 * the run time for route keys the manifest does not know (handlers mounted by tests).
 */
export const defaultPolicy = (method: string): RoutePolicy => ({ rateClass: 'standard', idempotent: method.toUpperCase() === 'POST' });

function normalise(path: string): string {
  const withoutQuery = path.split('?', 1)[0] ?? '';
  return withoutQuery.length > 1 ? withoutQuery.replace(/\/+$/, '') : withoutQuery;
}

interface Template {
  routeKey: string;
  method: string;
  pattern: RegExp;
  specificity: number;
}

let templates: Template[] | undefined;

/** The manifest's route keys as patterns, literal segments first (as API Gateway picks them). */
function compiled(): Template[] {
  templates ??= Object.keys(routePolicies)
    .flatMap((routeKey) => {
      const parsed = parseRouteKey(routeKey);
      if (!parsed) return [];
      const segments = parsed.path.split('/').filter(Boolean);
      const pattern = new RegExp(`^/${segments.map((segment) => (/^\{.+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
      return [{ routeKey, method: parsed.method, pattern, specificity: segments.filter((segment) => !segment.startsWith('{')).length * 100 + segments.length }];
    })
    .sort((a, b) => b.specificity - a.specificity);
  return templates;
}

/** The manifest route key serving `method path` (a concrete path or a template), or null. */
export function matchRouteKey(method: string, path: string): string | null {
  const normalised = normalise(path);
  const upper = method.toUpperCase();
  return compiled().find((template) => template.method === upper && template.pattern.test(normalised))?.routeKey ?? null;
}

/** The methods the manifest serves on a path, for a 405's `Allow` header; empty for an unknown path. */
export function methodsAllowedOn(path: string): string[] {
  const normalised = normalise(path);
  const methods = compiled()
    .filter((template) => template.pattern.test(normalised))
    .map((template) => template.method);
  return [...new Set(methods)].sort();
}

/**
 * The policy of a request: its declared route key when API Gateway names one, else the route its
 * method and path match, else the default (routes the manifest does not declare).
 */
export function routePolicyOf(routeKey: string | undefined, method: string, path: string): RoutePolicy {
  const declared = routeKey !== undefined ? routePolicies[routeKey] : undefined;
  if (declared) return declared;
  const matched = matchRouteKey(method, path);
  return (matched ? routePolicies[matched] : undefined) ?? defaultPolicy(method);
}

export const rateClassOf = (method: string, path: string): RateClass => routePolicyOf(undefined, method, path).rateClass;

/** Splits an API Gateway route key (`POST /v1/shifts/{id}`); `$default` and missing keys give null. */
export function parseRouteKey(routeKey: string | undefined): { method: string; path: string } | null {
  const match = /^([A-Z]+)\s+(\/\S*)$/.exec(routeKey ?? '');
  return match ? { method: match[1]!, path: match[2]! } : null;
}
