/**
 * The Lambda authorizer for both surfaces: a JWT (PlanningHub, Auth0 or the local issuer) or an
 * EventLite API key, both as `Authorization: Bearer ...`. It resolves who is calling and for which
 * organisation, checking the membership in the table on every call (no cache), and always lets
 * the request through: functions answer 401/403 themselves, in their surface's envelope, because
 * an HTTP API cannot customise an authorizer's denial.
 */
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { config } from '../../shared/config.ts';
import { createJwtVerifier, organizationIdOf, userIdOf } from '../../shared/auth/jwt.ts';
import { API_KEY_SCOPES, encodeScopes, hashApiKey, isApiKeyExpired, looksLikeApiKey } from '../../shared/domain/api-key.ts';
import { isBoundedId } from '../../shared/domain/bounds.ts';
import { findApiKeyByHash, getMembership, membershipGeneration } from '../../shared/store/identity.ts';
import { createLogger } from '../../shared/http/logger.ts';
import { countRequest } from '../../shared/http/rate-limit.ts';
import type { AuthorizerContext } from '../../shared/http/types.ts';

type Result = APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;

const log = createLogger({ function: 'authorizer' });
const jwtVerification = config.jwtVerification;
const jwtVerifier = jwtVerification ? createJwtVerifier(jwtVerification) : undefined;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const anonymous = (reason: string): Result => ({ isAuthorized: true, context: { principal: 'anonymous', reason } });

export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<Result> => {
  const headers = event.headers ?? {};
  const authorization = headers.authorization ?? headers.Authorization;
  if (!authorization) return anonymous('missing credentials');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return anonymous('malformed authorization header');
  const credential = match[1]!;
  const requestedOrganization = headers['x-organization-id'] ?? headers['X-Organization-ID'];
  // Never a key over DynamoDB's size limit (a 500): the function answers the malformed header's 400.
  if (requestedOrganization !== undefined && !isBoundedId(requestedOrganization)) return anonymous('malformed X-Organization-ID');

  let identity: { userId: string; organizationId?: string; authType: 'apiKey' | 'jwt'; apiKeyId?: string };
  let key: Awaited<ReturnType<typeof findApiKeyByHash>> = null;
  if (looksLikeApiKey(credential)) {
    key = await findApiKeyByHash(hashApiKey(credential));
    if (!key) return anonymous('unknown or revoked API key');
    if (isApiKeyExpired(key.expiresAt, new Date())) return anonymous('expired API key');
    // Keys from before membership generations cannot prove they survived a removal: refused.
    if (!key.membershipGeneration) return anonymous('API key without a membership generation');
    identity = { userId: key.userId, organizationId: key.organizationId, authType: 'apiKey', apiKeyId: key.keyId };
    // A key is bound to the organisation it was issued for.
    if (requestedOrganization && requestedOrganization !== key.organizationId) {
      return { isAuthorized: true, context: { principal: 'user', ...identity, organizationId: requestedOrganization, member: false, roles: '' } };
    }
  } else if (JWT_SHAPE.test(credential) && jwtVerifier) {
    try {
      const claims = await jwtVerifier.verify(credential);
      identity = { userId: userIdOf(claims), organizationId: requestedOrganization ?? organizationIdOf(claims), authType: 'jwt' };
    } catch (error) {
      log.info('token refused', { reason: (error as Error).message });
      return anonymous('invalid token');
    }
  } else {
    return anonymous('unrecognised credential');
  }

  // A verified person with no organisation in sight: only routes outside any organisation
  // (shared/http/access.ts, `organization: 'none'`) accept this; the others answer 401 as before.
  if (!identity.organizationId) {
    return { isAuthorized: true, context: { principal: 'user', userId: identity.userId, organizationId: '', authType: identity.authType, member: false, roles: '' } };
  }
  // The membership read and the rate count are independent: one round trip for both. Counting
  // here, once per authenticated request, keeps the functions that only read read-only. A
  // non-member's request is counted too (on their own counter, which expires with its window) and
  // its verdict dropped: they get 403 whatever the count says.
  const [membership, count] = await Promise.all([
    getMembership(identity.organizationId, identity.userId),
    countRequest({
      routeKey: event.routeKey,
      method: event.requestContext?.http?.method ?? 'GET',
      path: event.rawPath ?? '/',
      caller: { organizationId: identity.organizationId, userId: identity.userId },
      log,
    }),
  ]);
  // A key issued before its owner was removed stays dead when they are added back.
  if (key && membership && membershipGeneration(membership) !== key.membershipGeneration) {
    return anonymous('API key issued under an earlier membership');
  }
  const verdict = membership ? count : null;
  return {
    isAuthorized: true,
    context: {
      principal: 'user',
      userId: identity.userId,
      organizationId: identity.organizationId,
      authType: identity.authType,
      ...(identity.apiKeyId ? { apiKeyId: identity.apiKeyId } : {}),
      member: membership !== null,
      roles: (membership?.roles ?? []).join(','),
      scopes: encodeScopes(key ? key.scopes : API_KEY_SCOPES),
      ...(key?.expiresAt ? { apiKeyExpiresAt: key.expiresAt } : {}),
      ...(membership ? { membershipGeneration: membershipGeneration(membership) } : {}),
      ...(verdict
        ? {
            rateClass: verdict.rateClass,
            rateLimit: verdict.state.limit,
            rateRemaining: verdict.state.remaining,
            rateReset: verdict.state.resetSeconds,
            rateWindowSeconds: verdict.windowSeconds,
            rateExceeded: !verdict.admitted,
          }
        : {}),
    },
  };
};
