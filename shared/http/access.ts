/**
 * Who may call: the authorizer's verdict (401), the organisation named by X-Organization-ID
 * (PlanningHub requires it; 403 unless the caller is a member), the credential's scope for the
 * route (403), the optional X-Event-ID (an event of that organisation) and the roles an endpoint
 * asks for (403).
 */
import type middy from '@middy/core';
import { HttpError, type LocalisedMessage } from './errors.ts';
import { headerOf, type RequestScope } from './middlewares.ts';
import type { ApiEvent, ApiResult, Context, Surface } from './types.ts';
import { hasAnyRole, type MemberRole } from '../domain/roles.ts';
import { API_KEY_SCOPES, decodeScopes, requiredScope } from '../domain/api-key.ts';
import { getEvent } from '../store/events.ts';
import { isBoundedId, MAX_ID_LENGTH } from '../domain/bounds.ts';

const unauthorised: Record<Surface, LocalisedMessage> = {
  eventlite: 'Unauthorized - Invalid or missing API key',
  planninghub: { fr: 'Authentification requise : jeton absent, invalide ou expiré', en: 'Authentication required: missing, invalid or expired token' },
  system: 'Unauthorized',
};

const notMember: Record<Surface, LocalisedMessage> = {
  eventlite: 'Forbidden - You are not a member of this organization',
  planninghub: { fr: "Accès refusé : vous n'êtes pas membre de cette organisation", en: 'Forbidden: you are not a member of this organisation' },
  system: 'Forbidden',
};

/** Headers that become parts of keys: a malformed one is the caller's 400, never a key DynamoDB refuses. */
function assertBoundedHeaders(event: ApiEvent) {
  for (const header of ['X-Organization-ID', 'X-Event-ID']) {
    const value = headerOf(event, header);
    if (value !== undefined && !isBoundedId(value)) {
      throw new HttpError(
        400,
        'VALIDATION_ERROR',
        { fr: `L'en-tête ${header} est mal formé`, en: `The ${header} header is malformed` },
        { details: [{ field: header, message: `1-${MAX_ID_LENGTH} letters, digits or _ - . : | @` }] },
      );
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

const personalOnly: LocalisedMessage = {
  fr: 'Cette route exige le jeton de la personne (JWT), pas une clé API',
  en: "This route requires the person's own token (JWT), not an API key",
};

export const authenticate = (options: AccessOptions): middy.MiddlewareObj<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }> => ({
  before: async ({ event, context }) => {
    const scope = context.scope!;
    if (options.required) assertBoundedHeaders(event);
    const auth = event.requestContext?.authorizer?.lambda;
    const withoutOrganization = options.organization === 'none';
    // The authorizer lets a verified JWT without any organisation through for 'none' routes only.
    if (!auth || auth.principal !== 'user' || (!withoutOrganization && !auth.organizationId)) {
      if (!options.required) return;
      throw new HttpError(401, 'UNAUTHORIZED', unauthorised[options.surface], {
        headers: options.surface === 'planninghub' ? { 'WWW-Authenticate': 'Bearer' } : undefined,
      });
    }
    if (withoutOrganization) {
      if (auth.authType !== 'jwt') throw new HttpError(403, 'JWT_REQUIRED', personalOnly);
      scope.principal = { userId: auth.userId, organizationId: '', authType: auth.authType, roles: [], scopes: [...API_KEY_SCOPES] };
      scope.log = scope.log.child({ userId: auth.userId });
      return;
    }
    if (options.organizationHeader && !headerOf(event, 'x-organization-id')) {
      throw new HttpError(
        400,
        'MISSING_ORGANIZATION_ID',
        { fr: "L'en-tête X-Organization-ID est obligatoire", en: 'The X-Organization-ID header is required' },
        { details: [{ field: 'X-Organization-ID', message: 'required' }] },
      );
    }
    if (!auth.member) throw new HttpError(403, 'FORBIDDEN', notMember[options.surface]);
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
      throw new HttpError(
        403,
        'INSUFFICIENT_SCOPE',
        { fr: `Portée insuffisante : cette clé d'API n'a pas la portée ${needed}`, en: `Insufficient scope: this API key lacks the ${needed} scope` },
        { details: [{ field: 'scope', message: needed }] },
      );
    }

    if (options.roles && !hasAnyRole(roles, options.roles)) {
      throw new HttpError(403, 'INSUFFICIENT_ROLE', {
        fr: `Rôle insuffisant : il faut l'un de ${options.roles.join(', ')}`,
        en: `Insufficient role: one of ${options.roles.join(', ')} is required`,
      });
    }
    const eventId = headerOf(event, 'x-event-id');
    if (eventId !== undefined) {
      if (!(await getEvent(auth.organizationId, eventId))) {
        throw new HttpError(
          403,
          'EVENT_NOT_IN_ORGANIZATION',
          { fr: "X-Event-ID ne désigne pas un événement de cette organisation", en: 'X-Event-ID is not an event of this organisation' },
          { details: [{ field: 'X-Event-ID', message: 'unknown event' }] },
        );
      }
      scope.eventId = eventId;
    }
  },
});
