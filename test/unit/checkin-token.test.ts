/**
 * QR check-in: the token (shared/domain/checkin-token.ts), the key reading of the deployed
 * functions (Secrets Manager through the Parameters and Secrets extension, with `fetch` stubbed:
 * there is no extension here) and what actual times cost (actualAttendanceCost, pure).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CHECKIN_OPENS_BEFORE_CALL_MS,
  checkinKeyOf,
  checkinKeysOf,
  checkinTokenExpiry,
  checkinWindowOf,
  signCheckinToken,
  verifyCheckinToken,
  type CheckinClaims,
} from '../../shared/domain/checkin-token.ts';
import { resolveOrgSettings } from '../../shared/domain/org-settings.ts';
import type { Shift } from '../../shared/domain/shift.ts';

const SECRET = 'a-test-secret-of-forty-characters-000000';
const OTHER_SECRET = 'another-test-secret-of-forty-characters0';
const key = checkinKeyOf(SECRET);
/** 2031-03-04T14:00:00Z: the links of a shift ending then expire 12 h later. */
const END = Date.UTC(2031, 2, 4, 14);
const EXP = END / 1000 + 12 * 3600;
const claims: CheckinClaims = { shiftId: 'shift_0123456789abcdef', technicianId: 'user_456', action: 'checkin', exp: EXP };
const expected = { shiftId: claims.shiftId, technicianId: claims.technicianId, action: claims.action };
const NOW = END - 3_600_000;

const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as unknown[];
const withPayload = (token: string, payload: unknown[]) => `${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}.${token.split('.')[1]}`;

describe('signCheckinToken and verifyCheckinToken', () => {
  it('accepts its own token for the shift, technician and action it was signed for, and says which key signed it', () => {
    // prepare
    const token = signCheckinToken(claims, key);
    // act
    const verdict = verifyCheckinToken(token, [key], expected, NOW);
    // assess
    expect(verdict).toEqual({ ok: true, claims: { ...claims, kid: key.kid } });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(payloadOf(token)).toEqual([1, 'shift_0123456789abcdef', 'user_456', 'i', EXP, key.kid]);
  });

  it('signs the same link every time for the same claims (a printed QR code stays valid), another for the other action', () => {
    expect(signCheckinToken(claims, key)).toBe(signCheckinToken({ ...claims }, checkinKeyOf(SECRET)));
    expect(signCheckinToken({ ...claims, action: 'checkout' }, key)).not.toBe(signCheckinToken(claims, key));
    expect(payloadOf(signCheckinToken({ ...claims, action: 'checkout' }, key))[3]).toBe('o');
  });

  it('refuses a payload changed after signing (another technician put in) as a bad signature', () => {
    const token = signCheckinToken(claims, key);
    const forged = withPayload(token, [1, claims.shiftId, 'user_789', 'i', EXP, key.kid]);
    expect(verifyCheckinToken(forged, [key], { ...expected, technicianId: 'user_789' }, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a changed signature, a truncated one, and one made with another secret under our key id', () => {
    const token = signCheckinToken(claims, key);
    const [payload, mac] = token.split('.') as [string, string];
    const flipped = `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    const forgedUnderOurKid = signCheckinToken(claims, { kid: key.kid, secret: Buffer.from(OTHER_SECRET, 'utf8') });
    expect(verifyCheckinToken(flipped, [key], expected, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyCheckinToken(`${payload}.${mac.slice(0, 20)}`, [key], expected, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyCheckinToken(forgedUnderOurKid, [key], expected, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token of a key it does not hold (another secret, or one retired after a rotation)', () => {
    const token = signCheckinToken(claims, checkinKeyOf(OTHER_SECRET));
    expect(verifyCheckinToken(token, [key], expected, NOW)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('keeps accepting the previous key during a rotation, and signs with the current one', () => {
    // prepare
    const [current, previous] = checkinKeysOf(OTHER_SECRET, SECRET);
    const oldToken = signCheckinToken(claims, key);
    // act
    const verdict = verifyCheckinToken(oldToken, [current!, previous!], expected, NOW);
    // assess
    expect(verdict).toEqual({ ok: true, claims: { ...claims, kid: key.kid } });
    expect(current!.kid).toBe(checkinKeyOf(OTHER_SECRET).kid);
    expect(checkinKeysOf(SECRET, SECRET)).toHaveLength(1);
    expect(checkinKeysOf(SECRET, null)).toHaveLength(1);
  });

  it('accepts a token until the second before its exp, and refuses it from that second on', () => {
    const token = signCheckinToken(claims, key);
    expect(verifyCheckinToken(token, [key], expected, EXP * 1000 - 1).ok).toBe(true);
    expect(verifyCheckinToken(token, [key], expected, EXP * 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    ['wrong_shift', { shiftId: 'shift_fedcba9876543210' }],
    ['wrong_technician', { technicianId: 'user_789' }],
    ['wrong_action', { action: 'checkout' as const }],
  ])('refuses a genuine token used elsewhere: %s', (reason, other) => {
    const token = signCheckinToken(claims, key);
    expect(verifyCheckinToken(token, [key], { ...expected, ...other }, NOW)).toEqual({ ok: false, reason });
  });

  it('checks the signature before believing the payload: an expired, misdirected forgery is a bad signature', () => {
    const forged = withPayload(signCheckinToken(claims, key), [1, 'shift_other', 'user_789', 'o', 1, key.kid]);
    expect(verifyCheckinToken(forged, [key], expected, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    ['empty', ''],
    ['no signature', 'abc'],
    ['three parts', 'a.b.c'],
    ['not base64url', 'ab+c.def'],
    ['not JSON', `${Buffer.from('{not json').toString('base64url')}.abc`],
    ['an object', `${Buffer.from(JSON.stringify({ s: 'shift_1' })).toString('base64url')}.abc`],
    ['another version', `${Buffer.from(JSON.stringify([2, 'shift_1', 'user_1', 'i', EXP, key.kid])).toString('base64url')}.abc`],
    ['an unknown action', `${Buffer.from(JSON.stringify([1, 'shift_1', 'user_1', 'x', EXP, key.kid])).toString('base64url')}.abc`],
    ['an id that is not an identifier', `${Buffer.from(JSON.stringify([1, 'shift/1', 'user_1', 'i', EXP, key.kid])).toString('base64url')}.abc`],
    ['a fractional exp', `${Buffer.from(JSON.stringify([1, 'shift_1', 'user_1', 'i', 1.5, key.kid])).toString('base64url')}.abc`],
    ['too long', `${'a'.repeat(1000)}.${'b'.repeat(100)}`],
  ])('refuses a malformed token: %s', (_, token) => {
    expect(verifyCheckinToken(token, [key], expected, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('keys, expiry and windows', () => {
  it('refuses a secret shorter than 32 characters', () => {
    expect(() => checkinKeyOf('x'.repeat(31))).toThrow(RangeError);
    expect(checkinKeyOf('x'.repeat(32)).kid).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });

  it('derives the key id from the secret without showing it', () => {
    expect(key.kid).toBe(checkinKeyOf(SECRET).kid);
    expect(key.kid).not.toBe(checkinKeyOf(OTHER_SECRET).kid);
    expect(SECRET).not.toContain(key.kid);
  });

  it('lets links expire 12 h after the end of the shift, in whole seconds', () => {
    expect(checkinTokenExpiry(END)).toBe(EXP);
    expect(checkinTokenExpiry(END + 1)).toBe(EXP + 1);
  });

  it('opens check-in 2 h before the call until the end, check-out from the check-in until the links expire', () => {
    const callAt = END - 8 * 3_600_000;
    expect(CHECKIN_OPENS_BEFORE_CALL_MS).toBe(7_200_000);
    expect(checkinWindowOf('checkin', { callAt, endAt: END, checkedInAt: null })).toEqual({ opensAt: callAt - 7_200_000, closesAt: END });
    expect(checkinWindowOf('checkout', { callAt, endAt: END, checkedInAt: callAt + 60_000 })).toEqual({ opensAt: callAt + 60_000, closesAt: END + 12 * 3_600_000 });
  });
});

describe('checkinTokenKeys, deployed: the secret through the Parameters and Secrets extension', () => {
  const ARN = 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:CheckinTokenSecret-AbCdEf';

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  /** A fresh store module (its 5-minute cache empty) with the deployed environment. */
  async function deployedStore(fetchMock: ReturnType<typeof vi.fn>) {
    vi.stubEnv('CHECKIN_TOKEN_SECRET', '');
    vi.stubEnv('CHECKIN_TOKEN_SECRET_ARN', ARN);
    vi.stubEnv('AWS_SESSION_TOKEN', 'session-token-1');
    vi.stubEnv('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT', '');
    vi.stubGlobal('fetch', fetchMock);
    return import('../../shared/adapters/checkin-secret.ts');
  }

  const answer = (secretString: unknown, status = 200) => vi.fn(async () => new Response(JSON.stringify({ ARN, Name: 'CheckinTokenSecret', SecretString: secretString }), { status }));

  it('asks the extension on localhost:2773 for the secret with the session token, once for requests arriving together, then caches it', async () => {
    // prepare
    const fetchMock = answer(JSON.stringify({ current: OTHER_SECRET, previous: SECRET }));
    const store = await deployedStore(fetchMock);
    // act
    const [first, second] = await Promise.all([store.checkinTokenKeys(), store.checkinTokenKeys()]);
    const third = await store.checkinTokenKeys();
    // assess
    expect(first!.map((entry) => entry.kid)).toEqual([checkinKeyOf(OTHER_SECRET).kid, key.kid]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`http://localhost:2773/secretsmanager/get?secretId=${encodeURIComponent(ARN)}`);
    expect(init.headers).toEqual({ 'X-Aws-Parameters-Secrets-Token': 'session-token-1' });
  });

  it.each([
    ['an error answer', answer('{}', 400), 'Reading the check-in token secret failed (HTTP 400)'],
    ['a secret that is not JSON', answer(`not json ${SECRET}`), 'The check-in token secret is not JSON with a "current" string'],
    ['JSON without "current"', answer(JSON.stringify({ key: SECRET })), 'The check-in token secret is not JSON with a "current" string'],
  ])('fails on %s without putting the secret in the message, and reads again on the next call', async (_, fetchMock, message) => {
    const store = await deployedStore(fetchMock);
    await expect(store.checkinTokenKeys()).rejects.toThrow(new Error(message));
    await expect(store.checkinTokenKeys()).rejects.toThrow(new Error(message));
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('prefers CHECKIN_TOKEN_SECRET (local runtime, tests) and then never calls the network', async () => {
    const fetchMock = answer('{}');
    const store = await deployedStore(fetchMock);
    vi.stubEnv('CHECKIN_TOKEN_SECRET', SECRET);
    vi.stubEnv('CHECKIN_TOKEN_SECRET_PREVIOUS', OTHER_SECRET);
    expect((await store.checkinTokenKeys())!.map((entry) => entry.kid)).toEqual([key.kid, checkinKeyOf(OTHER_SECRET).kid]);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('answers null when no secret is configured at all', async () => {
    const store = await deployedStore(answer('{}'));
    vi.stubEnv('CHECKIN_TOKEN_SECRET_ARN', '');
    expect(await store.checkinTokenKeys()).toBeNull();
  });
});

describe('actualAttendanceCost: what the actual times cost', () => {
  /** The spec's shift (18:00 call, 20:00-02:00, mandatory break 22:30-23:00), planned without an emergency on the `sound` line. */
  const specShift = {
    id: 'shift_789',
    callAt: '2024-02-15T17:00:00.000Z',
    startAt: '2024-02-15T19:00:00.000Z',
    endAt: '2024-02-16T01:00:00.000Z',
    breaks: [{ startAt: '2024-02-15T21:30:00.000Z', endAt: '2024-02-15T22:00:00.000Z', mandatory: true }],
    economicValue: { budgetLine: 'sound', computed: { emergency: false } },
  } as unknown as Shift;
  const contract = { type: 'freelance', hourly_rate: 45, overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 }, meal_allowance: true };
  const { pay } = resolveOrgSettings({ timeZone: 'Europe/Paris' });

  async function cost(checkInAt: string | null, checkOutAt: string | null, options: { contract?: typeof contract | null; weekHoursBefore?: number } = {}) {
    const { actualAttendanceCost } = await import('../../shared/domain/attendance.ts');
    return actualAttendanceCost({
      shift: specShift,
      record: { technicianId: 'user_456', checkInAt, checkOutAt },
      contract: options.contract === undefined ? contract : options.contract,
      weekHoursBefore: options.weekHoursBefore ?? 0,
      pay,
      timeZone: 'Europe/Paris',
    });
  }

  it('costs 18:10 to 02:20 by hand: 7 h 40 worked (the break unpaid), 2 h 20 of night, a long-shift meal, transport', async () => {
    // act
    const actual = await cost('2024-02-15T17:10:00.000Z', '2024-02-16T01:20:00.000Z');
    // assess: 7.6667 h x 45 = 345.00; 00:00-02:20 = 2.3333 h x 45 x 0.5 = 52.50; arrived after 18:00,
    // so not the 18:00-21:00 window, but 6 paid hours: the long-shift meal, 20; transport 50. 467.50.
    expect(actual).toEqual({
      technicianId: 'user_456',
      checkInAt: Date.UTC(2024, 1, 15, 17, 10),
      checkOutAt: Date.UTC(2024, 1, 16, 1, 20),
      hours: 8.17,
      cost: {
        labor_cost: 345,
        overtime_cost: 52.5,
        equipment_cost: 0,
        meal_allowance: 20,
        transport_cost: 50,
        total_amount: 467.5,
        budget_line: 'sound',
        currency: 'EUR',
        hours: { paid: 7.67, night: 2.33, weekend: 0, overtime: 0, emergency: 0 },
        lines: [
          { component: 'labor_cost', class: 'base', quantity: 7.67, unit: 'hour', rate: 45, multiplier: 1, amount: 345 },
          { component: 'overtime_cost', class: 'night', quantity: 2.33, unit: 'hour', rate: 45, multiplier: 0.5, amount: 52.5 },
          { component: 'meal_allowance', class: 'long_shift', quantity: 1, unit: 'shift', rate: 20, multiplier: 1, amount: 20 },
          { component: 'transport_cost', class: 'transport', quantity: 1, unit: 'shift', rate: 50, multiplier: 1, amount: 50 },
        ],
      },
    });
  });

  it('counts the hours worked earlier in the week: past 35 h, the rest is weekly overtime at +25%', async () => {
    // 30 h before: the 35th hour is reached at 23:40 (18:10-22:30 is 4 h 20, then 23:00-23:40). Past it,
    // 23:40-00:00 at +25%: 20 min x 45 x 0.25 = 3.75; 00:00-02:20 at night too, stacked: 2 h 20 x 45 x
    // (1.5 x 1.25 - 1) = 91.875, 91.88 to the cent. 345 + 3.75 + 91.88 + 20 + 50 = 510.63.
    const actual = await cost('2024-02-15T17:10:00.000Z', '2024-02-16T01:20:00.000Z', { weekHoursBefore: 30 });
    expect(actual.cost!.lines.filter((line) => line.component === 'overtime_cost')).toEqual([
      { component: 'overtime_cost', class: 'overtime_25', quantity: 0.33, unit: 'hour', rate: 45, multiplier: 0.25, amount: 3.75 },
      { component: 'overtime_cost', class: 'night+overtime_25', quantity: 2.33, unit: 'hour', rate: 45, multiplier: 0.875, amount: 91.88 },
    ]);
    expect(actual.cost!.total_amount).toBe(510.63);
  });

  it('costs a check-out in the second of the check-in as nothing worked, transport paid', async () => {
    const actual = await cost('2024-02-15T17:10:00.000Z', '2024-02-15T17:10:00.000Z');
    expect(actual.hours).toBe(0);
    expect(actual.cost!.total_amount).toBe(50);
    expect(actual.cost!.hours.paid).toBe(0);
  });

  it('has no cost before the check-out, nor for a technician without a contract (their hours still shown)', async () => {
    expect(await cost('2024-02-15T17:10:00.000Z', null)).toEqual({ technicianId: 'user_456', checkInAt: Date.UTC(2024, 1, 15, 17, 10), checkOutAt: null, hours: null, cost: null });
    expect(await cost('2024-02-15T17:10:00.000Z', '2024-02-16T01:20:00.000Z', { contract: null })).toEqual({
      technicianId: 'user_456',
      checkInAt: Date.UTC(2024, 1, 15, 17, 10),
      checkOutAt: Date.UTC(2024, 1, 16, 1, 20),
      hours: 8.17,
      cost: null,
    });
  });
});
