import { DomainError } from '../../domain/errors.ts';
import { DECOY_PASSWORD_HASH, verifyPassword } from '../../domain/password.ts';
import type { TechnicianProfile } from '../../domain/technician.ts';
import { auth0ConfigFromEnv, exchangeWithAuth0 } from '../../auth/auth0.ts';
import { devSigningKey, signAccessToken } from '../../auth/local-issuer.ts';
import { getMembership, getUser, getUserIdByEmail, type Membership, type User } from '../../store/identity.ts';
import { admitLoginAttempt, recordLoginFailure, recordLoginSuccess, refundLoginAttempt } from '../../store/login-attempts.ts';
import { getCrewAssignment, getTechnicianProfile } from '../../store/technicians.ts';
import { getEvent } from '../../store/events.ts';

const TOKEN_LIFETIME_SECONDS = 3600;

export interface LoginInput {
  email: string;
  password: string;
  organizationId: string;
  eventId?: string;
  /** The connection's source address ('unknown' when the gateway gave none). */
  sourceIp: string;
}

/**
 * What a login comes to. Throttling, an unavailable provider and wrong credentials are outcomes
 * the handler answers itself (a Retry-After header, a 503, one answer for a wrong e-mail and a
 * wrong password); the refusals a domain error says (not a member, unknown event) are thrown.
 */
export type LoginOutcome =
  | { kind: 'throttled'; retryAt: number }
  | { kind: 'unavailable' }
  | { kind: 'refused' }
  | {
      kind: 'signed-in';
      accessToken: string;
      expiresIn: number;
      user: User;
      membership: Membership;
      profile: TechnicianProfile | null;
      currentEvent: { id: string; name: string; role: string | null } | null;
    };

/** POST /v1/auth/login: `now` is epoch ms. */
export async function logIn(input: LoginInput, now = Date.now()): Promise<LoginOutcome> {
  // Throttled per source, never per account: failures from elsewhere cannot lock the owner out.
  const attempt = { email: input.email, sourceIp: input.sourceIp };
  const admission = await admitLoginAttempt(attempt, now);
  if (!admission.admitted) return { kind: 'throttled', retryAt: admission.retryAt };

  const auth0 = auth0ConfigFromEnv();
  const userId = await getUserIdByEmail(input.email);
  const user = userId ? await getUser(userId) : null;
  let token: { accessToken: string; expiresIn: number } | undefined;
  if (auth0) {
    const outcome = await exchangeWithAuth0(auth0, input.email, input.password, attempt.sourceIp === 'unknown' ? undefined : attempt.sourceIp);
    if (!outcome.ok && outcome.reason === 'unavailable') {
      await refundLoginAttempt(attempt, now);
      return { kind: 'unavailable' };
    }
    if (outcome.ok && user) token = { accessToken: outcome.accessToken, expiresIn: outcome.expiresIn };
  } else {
    const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
    if (passwordOk && user) token = { accessToken: '', expiresIn: TOKEN_LIFETIME_SECONDS };
  }
  if (!token || !user) {
    await recordLoginFailure(attempt, Date.now());
    return { kind: 'refused' };
  }
  await recordLoginSuccess(attempt, now);

  const membership = await getMembership(input.organizationId, user.id);
  if (!membership) {
    throw DomainError.of('forbidden', 'FORBIDDEN.login_not_member');
  }
  let currentEvent: { id: string; name: string; role: string | null } | null = null;
  if (input.eventId) {
    const event = await getEvent(input.organizationId, input.eventId);
    if (!event) {
      throw DomainError.of('forbidden', 'EVENT_NOT_IN_ORGANIZATION.login', { details: [{ field: 'event_id', message: 'unknown event' }] });
    }
    const crew = await getCrewAssignment(input.organizationId, event.id, user.id);
    currentEvent = { id: event.id, name: event.title, role: crew?.role ?? null };
  }

  if (!auth0) {
    const key = devSigningKey();
    if (!key) throw new Error('No identity provider configured: set AUTH0_DOMAIN/AUTH0_CLIENT_ID (or DEV_ISSUER_KEY_FILE locally)');
    token.accessToken = signAccessToken(key, {
      userId: user.id,
      organizationId: input.organizationId,
      expiresInSeconds: TOKEN_LIFETIME_SECONDS,
      extra: input.eventId ? { 'https://planninghub-spectacle.fr/event_id': input.eventId } : {},
    });
  }
  const profile = await getTechnicianProfile(input.organizationId, user.id);
  return { kind: 'signed-in', ...token, user, membership, profile, currentEvent };
}
