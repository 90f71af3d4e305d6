/**
 * Who may call: the authorizer's verdict (401), the organisation named by X-Organization-ID
 * (PlanningHub requires it; 403 unless the caller is a member), the credential's scope for the
 * route (403), the optional X-Event-ID (an event of that organisation) and the roles an endpoint
 * asks for (403).
 */
import type middy from '@middy/core';
import { HttpError } from './errors.ts';
import type { MessageKey } from '../messages/catalogue.ts';
import { headerOf, type RequestScope } from './middlewares.ts';
import type { ApiEvent, ApiResult, Context, Surface } from './types.ts';
import { hasAnyRole, type MemberRole } from '../domain/roles.ts';
import { API_KEY_SCOPES, decodeScopes, requiredScope } from '../domain/api-key.ts';
import { getEvent } from '../store/events.ts';
import { isBoundedId } from '../domain/bounds.ts';
import { fieldDetail } from '../domain/errors.ts';

const unauthorised = { eventlite: 'UNAUTHORIZED.eventlite', planninghub: 'UNAUTHORIZED.planninghub', system: 'UNAUTHORIZED.system' } as const satisfies Record<Surface, MessageKey>;

const notMember = {
  eventlite: 'FORBIDDEN.not_member_eventlite',
  planninghub: 'FORBIDDEN.not_member_planninghub',
  system: 'FORBIDDEN.not_member_system',
} as const satisfies Record<Surface, MessageKey>;

/** Headers that become parts of keys: a malformed one is the caller's 400, never a key DynamoDB refuses. */
function assertBoundedHeaders(event: ApiEvent) {
  for (const header of ['X-Organization-ID', 'X-Event-ID']) {
    const value = headerOf(event, header);
    if (value !== undefined && !isBoundedId(value)) {
      throw HttpError.of(400, 'VALIDATION_ERROR.malformed_header', {
        params: { header },
        details: [fieldDetail(header, 'VALIDATION_ERROR.bounded_id')],
      });
    }
  }
}

export interface AccessOptions {
  surface: Surface;
  /** Anonymous callers get the surface's 401. */
  required: boolean;
  /** PlanningHub: X-Organization-ID must be sent and name one of the caller's memberships. */
  organizationHeader: boolean;
  /** Any of these roles (admins always pass); omitted = any member. */
  roles?: readonly MemberRole[];
  /**
   * 'none': the caller acts as a signed-in person, outside any organisation (their own
   * invitations). JWT only, no X-Organization-ID, no membership; the principal's organizationId
   * is '' and its roles empty. See docs/roles.md.
   */
  organization?: 'required' | 'none';
}

export const authenticate = (options: AccessOptions): middy.MiddlewareObj<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }> => ({
  before: async ({ event, context }) => {
    const scope = context.scope!;
    if (options.required) assertBoundedHeaders(event);
    const auth = event.requestContext?.authorizer?.lambda;
    const withoutOrganization = options.organization === 'none';
    // The authorizer lets a verified JWT without any organisation through for 'none' routes only.
    if (!auth || auth.principal !== 'user' || (!withoutOrganization && !auth.organizationId)) {
      if (!options.required) return;
      throw HttpError.of(401, unauthorised[options.surface], {
        headers: options.surface === 'planninghub' ? { 'WWW-Authenticate': 'Bearer' } : undefined,
      });
    }
    if (withoutOrganization) {
      if (auth.authType !== 'jwt') throw HttpError.of(403, 'JWT_REQUIRED');
      scope.principal = { userId: auth.userId, organizationId: '', authType: auth.authType, roles: [], scopes: [...API_KEY_SCOPES] };
      scope.log = scope.log.child({ userId: auth.userId });
      return;
    }
    if (options.organizationHeader && !headerOf(event, 'x-organization-id')) {
      throw HttpError.of(400, 'MISSING_ORGANIZATION_ID', { details: [fieldDetail('X-Organization-ID', 'VALIDATION_ERROR.required')] });
    }
    if (!auth.member) throw HttpError.of(403, notMember[options.surface]);
    const roles = auth.roles ? auth.roles.split(',') : [];
    // A JWT holds every scope; a key only those the authorizer read on it (none if absent).
    const scopes = auth.authType === 'jwt' ? [...API_KEY_SCOPES] : decodeScopes(auth.scopes);
    scope.principal = {
      userId: auth.userId,
      organizationId: auth.organizationId,
      authType: auth.authType,
      apiKeyId: auth.apiKeyId,
      roles,
      scopes,
      apiKeyExpiresAt: auth.apiKeyExpiresAt,
      membershipGeneration: auth.membershipGeneration,
    };
    scope.log = scope.log.child({ userId: auth.userId, organizationId: auth.organizationId });

    const needed = options.required ? requiredScope(options.surface, event.requestContext?.http?.method ?? '') : null;
    if (needed && !scopes.includes(needed)) {
      throw HttpError.of(403, 'INSUFFICIENT_SCOPE.key', { params: { needed }, details: [{ field: 'scope', message: needed }] });
    }

    if (options.roles && !hasAnyRole(roles, options.roles)) {
      throw HttpError.of(403, 'INSUFFICIENT_ROLE.one_of', { params: { roles: options.roles } });
    }
    const eventId = headerOf(event, 'x-event-id');
    if (eventId !== undefined) {
      if (!(await getEvent(auth.organizationId, eventId))) {
        throw HttpError.of(403, 'EVENT_NOT_IN_ORGANIZATION.header', { details: [{ field: 'X-Event-ID', message: 'unknown event' }] });
      }
      scope.eventId = eventId;
    }
  },
});
