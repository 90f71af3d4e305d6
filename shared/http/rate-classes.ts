/**
 * The rate class of a request, decided in this one place: the manifest, the stack, the bench and
 * the rate-limit middleware all ask rateClassOf() instead of declaring classes by hand, so a new
 * route under a critical prefix can never silently get the standard limit.
 *
 * Limits (PlanningHub spec, "Rate Limiting"): 100 requests/min standard, 20 requests/min critical.
 * `path` may be a route template (`/v1/shifts/{id}`) or a concrete path (`/v1/shifts/shift_789`).
 */
export type RateClass = 'critical' | 'standard' | 'none';

/** The spec names `/shifts`, `/equipment/book` and `/equipment/availability`; sub-paths share their limit. */
const criticalPrefixes = ['/v1/shifts', '/v1/equipment/book', '/v1/equipment/availability'];

/** Probes and discovery documents: throttling them would only hide outages from monitors and LLM tools. */
const unlimitedPrefixes = ['/health', '/api/v1/openapi'];

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

function normalise(path: string): string {
  const withoutQuery = path.split('?', 1)[0] ?? '';
  return withoutQuery.length > 1 ? withoutQuery.replace(/\/+$/, '') : withoutQuery;
}

export function rateClassOf(method: string, path: string): RateClass {
  const normalised = normalise(path);
  if (unlimitedPrefixes.some((prefix) => within(normalised, prefix))) return 'none';
  // Cover images are public and fetched by browsers and the public event pages, often many per page.
  if (method.toUpperCase() === 'GET' && within(normalised, '/api/v1/images')) return 'none';
  if (criticalPrefixes.some((prefix) => within(normalised, prefix))) return 'critical';
  return 'standard';
}

/** Splits an API Gateway route key (`POST /v1/shifts/{id}`); `$default` and missing keys give null. */
export function parseRouteKey(routeKey: string | undefined): { method: string; path: string } | null {
  const match = /^([A-Z]+)\s+(\/\S*)$/.exec(routeKey ?? '');
  return match ? { method: match[1]!, path: match[2]! } : null;
}
