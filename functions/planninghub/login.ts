import { endpoint } from '../../shared/http/endpoint.ts';
import { HttpError } from '../../shared/http/errors.ts';
import { loginBody } from '../../shared/schemas/planninghub-identity.ts';
import { skillNamesOf } from '../../shared/domain/technician.ts';
import { retryAfterSeconds } from '../../shared/domain/login-throttle.ts';
import { logIn } from '../../shared/app/identity/log-in.ts';
import { recordMetric } from '../../shared/observability/metrics.ts';

// One answer for a wrong e-mail and a wrong password, so the API does not tell which accounts exist.
const invalidCredentials = () =>
  HttpError.of(401, 'INVALID_CREDENTIALS');

const tooManyAttempts = (retryAt: number, now: number) =>
  HttpError.of(429, 'TOO_MANY_LOGIN_ATTEMPTS', { headers: { 'Retry-After': String(retryAfterSeconds(retryAt, now)) } });

export const handler = endpoint({ surface: 'planninghub', auth: false, body: loginBody }, async ({ body, event, scope }) => {
  const now = Date.now();
  // API Gateway sets sourceIp from the connection; client headers (X-Forwarded-For) are not trusted.
  const sourceIp = event.requestContext?.http?.sourceIp || 'unknown';
  const outcome = await logIn({ email: body.email, password: body.password, organizationId: body.organization_id, eventId: body.event_id, sourceIp }, now);
  switch (outcome.kind) {
    case 'throttled':
      recordMetric('LoginLockouts');
      scope.log.info('login throttled', { retryAfterSeconds: retryAfterSeconds(outcome.retryAt, now) });
      throw tooManyAttempts(outcome.retryAt, now);
    case 'unavailable':
      throw HttpError.of(503, 'IDENTITY_PROVIDER_UNAVAILABLE');
    case 'refused':
      recordMetric('LoginFailures');
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
