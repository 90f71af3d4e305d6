import { endpoint } from '../../shared/http/endpoint.ts';
import { HttpError } from '../../shared/http/errors.ts';
import { loginBody } from '../../shared/schemas/planninghub-identity.ts';
import { DECOY_PASSWORD_HASH, verifyPassword } from '../../shared/domain/password.ts';
import { skillNamesOf } from '../../shared/domain/technician.ts';
import { auth0ConfigFromEnv, exchangeWithAuth0 } from '../../shared/auth/auth0.ts';
import { devSigningKey, signAccessToken } from '../../shared/auth/local-issuer.ts';
import { getMembership, getUser, getUserIdByEmail } from '../../shared/store/identity.ts';
import { admitLoginAttempt, recordLoginFailure, recordLoginSuccess, refundLoginAttempt } from '../../shared/store/login-attempts.ts';
import { retryAfterSeconds } from '../../shared/domain/login-throttle.ts';
import { getCrewAssignment, getTechnicianProfile } from '../../shared/store/technicians.ts';
import { getEvent } from '../../shared/store/events.ts';

const TOKEN_LIFETIME_SECONDS = 3600;

// One answer for a wrong e-mail and a wrong password, so the API does not tell which accounts exist.
const invalidCredentials = () =>
  HttpError.of(401, 'INVALID_CREDENTIALS');

const tooManyAttempts = (retryAt: number, now: number) =>
  HttpError.of(429, 'TOO_MANY_LOGIN_ATTEMPTS', { headers: { 'Retry-After': String(retryAfterSeconds(retryAt, now)) } });

export const handler = endpoint({ surface: 'planninghub', auth: false, body: loginBody }, async ({ body, event, scope }) => {
  // Throttled per source, never per account: failures from elsewhere cannot lock the owner out.
  // API Gateway sets sourceIp from the connection; client headers (X-Forwarded-For) are not trusted.
  const now = Date.now();
  const attempt = { email: body.email, sourceIp: event.requestContext?.http?.sourceIp || 'unknown' };
  const admission = await admitLoginAttempt(attempt, now);
  if (!admission.admitted) {
    scope.log.info('login throttled', { retryAfterSeconds: retryAfterSeconds(admission.retryAt, now) });
    throw tooManyAttempts(admission.retryAt, now);
  }

  const auth0 = auth0ConfigFromEnv();
  const userId = await getUserIdByEmail(body.email);
  const user = userId ? await getUser(userId) : null;
  let token: { accessToken: string; expiresIn: number } | undefined;
  if (auth0) {
    const outcome = await exchangeWithAuth0(auth0, body.email, body.password, attempt.sourceIp === 'unknown' ? undefined : attempt.sourceIp);
    if (!outcome.ok && outcome.reason === 'unavailable') {
      await refundLoginAttempt(attempt, now);
      throw HttpError.of(503, 'IDENTITY_PROVIDER_UNAVAILABLE');
    }
    if (outcome.ok && user) token = { accessToken: outcome.accessToken, expiresIn: outcome.expiresIn };
  } else {
    const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
    if (passwordOk && user) token = { accessToken: '', expiresIn: TOKEN_LIFETIME_SECONDS };
  }
  if (!token || !user) {
    await recordLoginFailure(attempt, Date.now());
    scope.log.info('login refused');
    throw invalidCredentials();
  }
  await recordLoginSuccess(attempt, now);

  const membership = await getMembership(body.organization_id, user.id);
  if (!membership) {
    throw HttpError.of(403, 'FORBIDDEN.login_not_member');
  }
  let currentEvent: { id: string; name: string; role: string | null } | null = null;
  if (body.event_id) {
    const event = await getEvent(body.organization_id, body.event_id);
    if (!event) {
      throw HttpError.of(403, 'EVENT_NOT_IN_ORGANIZATION.login', { details: [{ field: 'event_id', message: 'unknown event' }] });
    }
    const crew = await getCrewAssignment(body.organization_id, event.id, user.id);
    currentEvent = { id: event.id, name: event.title, role: crew?.role ?? null };
  }

  if (!auth0) {
    const key = devSigningKey();
    if (!key) throw new Error('No identity provider configured: set AUTH0_DOMAIN/AUTH0_CLIENT_ID (or DEV_ISSUER_KEY_FILE locally)');
    token.accessToken = signAccessToken(key, {
      userId: user.id,
      organizationId: body.organization_id,
      expiresInSeconds: TOKEN_LIFETIME_SECONDS,
      extra: body.event_id ? { 'https://planninghub-spectacle.fr/event_id': body.event_id } : {},
    });
  }
  const profile = await getTechnicianProfile(body.organization_id, user.id);
  return {
    statusCode: 200,
    headers: { 'Cache-Control': 'no-store' },
    body: {
      access_token: token.accessToken,
      token_type: 'Bearer',
      expires_in: token.expiresIn,
      user: { id: user.id, email: user.email, roles: membership.roles, specializations: skillNamesOf(profile), current_event: currentEvent },
    },
  };
});
