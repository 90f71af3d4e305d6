/**
 * Who may call: the authorizer's verdict (401), the organisation named by X-Organization-ID
 * (PlanningHub requires it; 403 unless the caller is a member), the optional X-Event-ID (an event
 * of that organisation) and the roles an endpoint asks for (403).
 */
import type middy from '@middy/core';
import { HttpError, type LocalisedMessage } from './errors.ts';
import { headerOf, type RequestScope } from './middlewares.ts';
import type { ApiEvent, ApiResult, Context, Surface } from './types.ts';
import { hasAnyRole, type MemberRole } from '../domain/roles.ts';
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
}

export const authenticate = (options: AccessOptions): middy.MiddlewareObj<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }> => ({
  before: async ({ event, context }) => {
    const scope = context.scope!;
    if (options.required) assertBoundedHeaders(event);
    const auth = event.requestContext?.authorizer?.lambda;
    if (!auth || auth.principal !== 'user') {
      if (!options.required) return;
      throw new HttpError(401, 'UNAUTHORIZED', unauthorised[options.surface], {
        headers: options.surface === 'planninghub' ? { 'WWW-Authenticate': 'Bearer' } : undefined,
      });
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
    scope.principal = { userId: auth.userId, organizationId: auth.organizationId, authType: auth.authType, apiKeyId: auth.apiKeyId, roles };
    scope.log = scope.log.child({ userId: auth.userId, organizationId: auth.organizationId });

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
