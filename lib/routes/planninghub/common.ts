/**
 * What every PlanningHub (`/v1`) route shares: snake_case, the error envelope
 * `{"error": {"code", "message", "details"}}`, a JWT and X-Organization-ID unless a route says
 * `auth: 'none'`. Each area file (identity, members, events, technicians, equipment, shifts)
 * builds its routes with planningHubRoutes() and its own tag.
 */
import { planningHubError } from '../../../shared/schemas/planninghub-identity-docs.ts';
import { defineRoutes, type RateClass, type ResponseDoc, type RouteSpec } from '../define.ts';

export const errorDoc = (description: string): ResponseDoc => ({ description, schema: planningHubError });

/** The errors every authenticated PlanningHub endpoint may answer. */
const authenticatedErrors = {
  400: errorDoc('Invalid data, or X-Organization-ID missing'),
  401: errorDoc('Missing, invalid or expired token'),
  403: errorDoc('Not a member of the organisation, or role not allowed'),
  429: errorDoc('RATE_LIMIT_EXCEEDED'),
};

export const planningHubRoutes = (area: { tag: string; rateClass?: RateClass }, specs: RouteSpec[]) =>
  defineRoutes(
    {
      surface: 'planninghub',
      tag: area.tag,
      auth: 'required',
      rateClass: area.rateClass ?? 'standard',
      authenticatedErrors,
      tableAccess: true,
      bodyErrors: { 413: errorDoc('PAYLOAD_TOO_LARGE: the body is over the size limit'), 415: errorDoc('UNSUPPORTED_MEDIA_TYPE: the body is not application/json') },
      idempotencyErrors: {
        409: errorDoc('IDEMPOTENCY_IN_PROGRESS: a request with this Idempotency-Key is still running (Retry-After)'),
        422: errorDoc('IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used with another request'),
      },
    },
    specs,
  );
