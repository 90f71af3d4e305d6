import { endpoint } from '../../shared/http/endpoint.ts';
import { HttpError } from '../../shared/http/errors.ts';
import { loginBody } from '../../shared/schemas/planninghub-identity.ts';
import { skillNamesOf } from '../../shared/domain/technician.ts';
import { retryAfterSeconds } from '../../shared/domain/login-throttle.ts';
import { logIn } from '../../shared/app/identity/log-in.ts';

// One answer for a wrong e-mail and a wrong password, so the API does not tell which accounts exist.
const invalidCredentials = () =>
  new HttpError(401, 'INVALID_CREDENTIALS', { fr: 'E-mail ou mot de passe incorrect', en: 'Incorrect e-mail or password' });

const tooManyAttempts = (retryAt: number, now: number) =>
  new HttpError(
    429,
    'TOO_MANY_LOGIN_ATTEMPTS',
    { fr: 'Trop de tentatives de connexion ; réessayez plus tard', en: 'Too many login attempts; try again later' },
    { headers: { 'Retry-After': String(retryAfterSeconds(retryAt, now)) } },
  );

export const handler = endpoint({ surface: 'planninghub', auth: false, body: loginBody }, async ({ body, event, scope }) => {
  const now = Date.now();
  // API Gateway sets sourceIp from the connection; client headers (X-Forwarded-For) are not trusted.
  const sourceIp = event.requestContext?.http?.sourceIp || 'unknown';
  const outcome = await logIn({ email: body.email, password: body.password, organizationId: body.organization_id, eventId: body.event_id, sourceIp }, now);
  switch (outcome.kind) {
    case 'throttled':
      scope.log.info('login throttled', { retryAfterSeconds: retryAfterSeconds(outcome.retryAt, now) });
      throw tooManyAttempts(outcome.retryAt, now);
    case 'unavailable':
      throw new HttpError(503, 'IDENTITY_PROVIDER_UNAVAILABLE', { fr: "Le fournisseur d'identité ne répond pas", en: 'The identity provider is unavailable' });
    case 'refused':
      scope.log.info('login refused');
      throw invalidCredentials();
  }
  const { user, membership, profile, currentEvent } = outcome;
  return {
    statusCode: 200,
    headers: { 'Cache-Control': 'no-store' },
    body: {
      access_token: outcome.accessToken,
      token_type: 'Bearer',
      expires_in: outcome.expiresIn,
      user: { id: user.id, email: user.email, roles: membership.roles, specializations: skillNamesOf(profile), current_event: currentEvent },
    },
  };
});
