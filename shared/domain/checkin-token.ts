/**
 * Check-in links (PlanningHub spec, "Get Shift Details": `qrcode.checkin_url` / `checkout_url`):
 * signed, expiring tokens bound to one shift, one technician and one action, and the times a
 * check-in or check-out is accepted. Pure: node:crypto only; the keys come from the caller
 * (shared/store/shifts.ts reads them from the environment or Secrets Manager). docs/shifts.md,
 * "QR check-in", has the decisions.
 *
 * Token = `<payload>.<mac>`, both base64url:
 *   payload  JSON array [version, shift_id, technician_id, action, exp, kid]; an array rather than
 *            an object keeps the QR code small (exp in epoch seconds, action `i` or `o`).
 *   mac      HMAC-SHA256 under the key named by `kid`, over a label and the payload as sent, so a
 *            MAC made with the same secret for another purpose can never verify here.
 * `kid` is derived from the secret itself (an HMAC of a constant), so rotating means setting a new
 * secret and keeping the old one as "previous" until the links it signed no longer matter: no key
 * ids to configure, and a kid says nothing about its secret.
 *
 * What a token proves: that we issued this link for this shift, technician and action, and that it
 * has not expired. Not presence at the venue: a technician can read their own links (GET), so the
 * time window and the caller's own JWT are what bound its use.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type CheckinAction = 'checkin' | 'checkout';

export interface CheckinKey {
  kid: string;
  secret: Buffer;
}

export interface CheckinClaims {
  shiftId: string;
  technicianId: string;
  action: CheckinAction;
  /** Epoch seconds; the token is refused from that second on. */
  exp: number;
}

export type CheckinTokenRefusal = 'malformed' | 'unknown_key' | 'bad_signature' | 'expired' | 'wrong_shift' | 'wrong_technician' | 'wrong_action';

export type CheckinTokenVerdict = { ok: true; claims: CheckinClaims & { kid: string } } | { ok: false; reason: CheckinTokenRefusal };

const VERSION = 1;
const MAC_LABEL = 'planninghub-checkin-v1.';
const KID_LABEL = 'planninghub-checkin-kid';
const MAC_BYTES = 32;
/** Below 256 bits of key an HMAC-SHA256 is only as strong as its key. */
export const MIN_SECRET_LENGTH = 32;
/** Longer than any token we sign (two 100-character ids): refused before any decoding. */
export const MAX_TOKEN_LENGTH = 1024;
const IDENTIFIER = /^[A-Za-z0-9_-]{1,100}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ACTION_CODES: Record<CheckinAction, string> = { checkin: 'i', checkout: 'o' };

const HOUR_MS = 3_600_000;
/** Links stay valid 12 h after the shift's end: a check-out after a late get-out, the night's paperwork. */
export const TOKEN_VALIDITY_AFTER_END_MS = 12 * HOUR_MS;
/** Check-in opens 2 h before the call: early arrivals on a load-in are common and paid from the check-in. */
export const CHECKIN_OPENS_BEFORE_CALL_MS = 2 * HOUR_MS;

/** The key of one secret; throws on a secret too short to sign with (a configuration error). */
export function checkinKeyOf(secret: string): CheckinKey {
  if (secret.length < MIN_SECRET_LENGTH) throw new RangeError(`A check-in token secret needs at least ${MIN_SECRET_LENGTH} characters`);
  const bytes = Buffer.from(secret, 'utf8');
  return { kid: createHmac('sha256', bytes).update(KID_LABEL).digest('base64url').slice(0, 8), secret: bytes };
}

/** The signing key first, then the previous one while a rotation is under way. */
export function checkinKeysOf(current: string, previous?: string | null): CheckinKey[] {
  const keys = [checkinKeyOf(current)];
  if (previous && previous !== current) keys.push(checkinKeyOf(previous));
  return keys;
}

/** When a shift's links expire: 12 h after its end, in whole epoch seconds. */
export const checkinTokenExpiry = (endAt: number): number => Math.ceil((endAt + TOKEN_VALIDITY_AFTER_END_MS) / 1000);

const macOf = (key: CheckinKey, payload: string): Buffer => createHmac('sha256', key.secret).update(MAC_LABEL).update(payload).digest();

/** Deterministic: the same shift, technician, action, expiry and key always give the same link, so a printed QR code stays valid while the shift keeps its end. */
export function signCheckinToken(claims: CheckinClaims, key: CheckinKey): string {
  if (!IDENTIFIER.test(claims.shiftId) || !IDENTIFIER.test(claims.technicianId)) throw new RangeError('Shift and technician ids must be identifiers');
  if (!Number.isSafeInteger(claims.exp) || claims.exp <= 0) throw new RangeError('exp must be a positive whole number of seconds');
  const payload = Buffer.from(JSON.stringify([VERSION, claims.shiftId, claims.technicianId, ACTION_CODES[claims.action], claims.exp, key.kid]), 'utf8').toString('base64url');
  return `${payload}.${macOf(key, payload).toString('base64url')}`;
}

function parse(token: string): { payload: string; mac: Buffer; claims: CheckinClaims & { kid: string } } | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 2 || !BASE64URL.test(parts[0]!) || !BASE64URL.test(parts[1]!)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 6) return null;
  const [version, shiftId, technicianId, code, exp, kid] = decoded as unknown[];
  if (version !== VERSION || typeof shiftId !== 'string' || typeof technicianId !== 'string' || typeof kid !== 'string') return null;
  if (!IDENTIFIER.test(shiftId) || !IDENTIFIER.test(technicianId) || !Number.isSafeInteger(exp) || (exp as number) <= 0) return null;
  const action = code === ACTION_CODES.checkin ? 'checkin' : code === ACTION_CODES.checkout ? 'checkout' : null;
  if (action === null) return null;
  return { payload: parts[0]!, mac: Buffer.from(parts[1]!, 'base64url'), claims: { shiftId, technicianId, action, exp: exp as number, kid } };
}

/**
 * Verifies a token for one use: the signature first (nothing in the payload is believed before
 * it), compared in constant time, then the expiry, then what it is bound to. Every refusal names
 * its reason; none reveals anything about the key.
 */
export function verifyCheckinToken(
  token: string,
  keys: readonly CheckinKey[],
  expected: { shiftId: string; technicianId: string; action: CheckinAction },
  now: number,
): CheckinTokenVerdict {
  const parsed = parse(token);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const key = keys.find((candidate) => candidate.kid === parsed.claims.kid);
  if (!key) return { ok: false, reason: 'unknown_key' };
  const mac = macOf(key, parsed.payload);
  // timingSafeEqual needs equal lengths; a MAC's length is public, so checking it first leaks nothing.
  if (parsed.mac.length !== MAC_BYTES || !timingSafeEqual(parsed.mac, mac)) return { ok: false, reason: 'bad_signature' };
  const { claims } = parsed;
  if (now >= claims.exp * 1000) return { ok: false, reason: 'expired' };
  if (claims.shiftId !== expected.shiftId) return { ok: false, reason: 'wrong_shift' };
  if (claims.technicianId !== expected.technicianId) return { ok: false, reason: 'wrong_technician' };
  if (claims.action !== expected.action) return { ok: false, reason: 'wrong_action' };
  return { ok: true, claims };
}

/**
 * When an action is accepted. Check-in: from 2 h before the call to the end of the shift (a
 * check-in after the end would be a regularisation, which is a planner's PATCH, not a scan).
 * Check-out: from the check-in until the links expire, 12 h after the end.
 */
export function checkinWindowOf(action: CheckinAction, times: { callAt: number; endAt: number; checkedInAt: number | null }): { opensAt: number; closesAt: number } {
  return action === 'checkin'
    ? { opensAt: times.callAt - CHECKIN_OPENS_BEFORE_CALL_MS, closesAt: times.endAt }
    : { opensAt: times.checkedInAt ?? times.callAt - CHECKIN_OPENS_BEFORE_CALL_MS, closesAt: times.endAt + TOKEN_VALIDITY_AFTER_END_MS };
}
