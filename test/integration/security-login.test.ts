/**
 * Login throttling through the local gateway over DynamoDB Local: failures are counted against
 * the source that sends them, so an attacker slows down only itself and never locks the owner
 * of an address out. Each source is a loopback address of its own (127.0.0.0/8 all reach the
 * gateway on Linux): requests leave from it with `localAddress`, and the gateway reports it as
 * `requestContext.http.sourceIp`, as API Gateway reports the client's address.
 */
import { request } from 'node:http';
import { randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baseUrl } from './support.ts';
import { useTestRuntimeTable } from './in-process.ts';
import { admitLoginAttempt, recordLoginFailure, recordLoginSuccess } from '../../shared/store/login-attempts.ts';

interface LoginResponse {
  status: number;
  retryAfter: number | null;
  body: any;
  text: string;
}

/** A source address of its own for each scenario, so scenarios never share a counter. */
const newSource = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

const VICTIM = { email: 'jmichel@sonopro.fr', password: 'securePassword123!', organization_id: 'org_123' };

function loginFrom(sourceIp: string, credentials: { email: string; password: string; organization_id?: string }): Promise<LoginResponse> {
  const url = new URL('/v1/auth/login', baseUrl());
  const payload = JSON.stringify({ organization_id: 'org_123', ...credentials });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: sourceIp, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const retryAfter = incoming.headers['retry-after'];
          resolve({ status: incoming.statusCode ?? 0, retryAfter: retryAfter === undefined ? null : Number(retryAfter), body: text ? JSON.parse(text) : undefined, text });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

async function sequentially(count: number, send: (index: number) => Promise<LoginResponse>): Promise<LoginResponse[]> {
  const responses: LoginResponse[] = [];
  for (let i = 0; i < count; i++) responses.push(await send(i));
  return responses;
}

describe('API2:2023 Broken Authentication — nobody can lock someone else out of their account', () => {
  it("throttles the source that sends wrong passwords, while the address's owner logs in at once from elsewhere", async () => {
    // prepare
    const attacker = newSource();
    const owner = newSource();
    // act
    const attack = await sequentially(10, () => loginFrom(attacker, { ...VICTIM, password: 'guess' }));
    const rightPasswordFromAttacker = await loginFrom(attacker, VICTIM);
    const ownerLogin = await loginFrom(owner, VICTIM);
    // assess
    expect(attack.map((r) => r.status)).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    for (const refused of attack.slice(3)) {
      expect(refused.body.error.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfter).toBeLessThanOrEqual(2);
    }
    // the throttled source is answered before its password is even checked
    expect(rightPasswordFromAttacker.status).toBe(429);
    expect(ownerLogin.status).toBe(200);
    expect(ownerLogin.body.user.email).toBe(VICTIM.email);
  });

  it('makes each further attempt from that source wait twice as long as the one before', async () => {
    // prepare: three failures and a refused fourth attempt from that source three seconds ago,
    // counted by the login counters in this process with their clock set back (no sleeping
    // through the first wait, which was 2 s and is over)
    useTestRuntimeTable();
    const attacker = newSource();
    const email = `target-${randomUUID()}@nowhere.fr`;
    const threeSecondsAgo = Date.now() - 3000;
    for (let i = 0; i < 3; i++) {
      await admitLoginAttempt({ email, sourceIp: attacker }, threeSecondsAgo);
      await recordLoginFailure({ email, sourceIp: attacker }, threeSecondsAgo);
    }
    const first = await admitLoginAttempt({ email, sourceIp: attacker }, threeSecondsAgo);
    // act: the wait is over, try twice
    const afterWaiting = await loginFrom(attacker, { email, password: 'guess' });
    const tooSoon = await loginFrom(attacker, { email, password: 'guess' });
    // assess
    expect(first).toEqual({ admitted: false, retryAt: threeSecondsAgo + 2000 });
    expect(afterWaiting.status).toBe(401);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.retryAfter).toBeGreaterThanOrEqual(3);
    expect(tooSoon.retryAfter).toBeLessThanOrEqual(4);
  });

  it('answers an unknown address and a known one identically, refusals and throttling alike', async () => {
    // prepare
    const source = newSource();
    const unknown = { email: `nobody-${randomUUID()}@nowhere.fr`, password: 'guess' };
    const known = { email: 'admin@eventlite.fr', password: 'guess' };
    // act
    const unknownResponses = await sequentially(4, () => loginFrom(source, unknown));
    const knownResponses = await sequentially(4, () => loginFrom(source, known));
    // assess
    const shape = (responses: LoginResponse[]) => responses.map((r) => [r.status, r.retryAfter === null ? null : r.retryAfter <= 2, r.text]);
    expect(shape(knownResponses)).toEqual(shape(unknownResponses));
    expect(unknownResponses.map((r) => r.status)).toEqual([401, 401, 401, 429]);
    expect(unknownResponses[0]!.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('counts simultaneous attempts atomically: only three get their password checked', async () => {
    for (let round = 0; round < 3; round++) {
      // prepare
      const attacker = newSource();
      const email = `burst-${randomUUID()}@nowhere.fr`;
      // act
      const started = Date.now();
      const responses = await Promise.all(Array.from({ length: 12 }, () => loginFrom(attacker, { email, password: 'guess' })));
      const elapsed = Date.now() - started;
      // assess
      const statuses = responses.map((r) => r.status).sort();
      // A burst slower than the first wait (2 s, on a loaded machine) may rightly admit a late attempt
      // once that wait is over; within it, exactly three may have their password checked.
      if (elapsed < 2000) expect(statuses).toEqual([401, 401, 401, ...Array(9).fill(429)]);
      else expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(3);
      expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    }
  });
});

describe('API4:2023 Unrestricted Resource Consumption — password spraying from one source', () => {
  it('throttles a source that tries one password on many addresses, and only that source', async () => {
    // prepare
    const sprayer = newSource();
    const addresses = Array.from({ length: 21 }, (_, i) => `sprayed-${i}-${randomUUID()}@nowhere.fr`);
    // act
    const spray = await sequentially(addresses.length, (i) => loginFrom(sprayer, { email: addresses[i]!, password: 'Summer2024!' }));
    const victimFromSprayer = await loginFrom(sprayer, VICTIM);
    const victimElsewhere = await loginFrom(newSource(), VICTIM);
    // assess: twenty failures are free, the 21st address already waits
    expect(spray.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(401));
    expect(spray[20]!.status).toBe(429);
    expect(spray[20]!.body.error.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(spray[20]!.retryAfter).toBeGreaterThanOrEqual(1);
    expect(victimFromSprayer.status).toBe(429);
    expect(victimElsewhere.status).toBe(200);
  }, 120_000); // 21 password checks (scrypt) in a row
});

describe('API2:2023 Broken Authentication — login counters over DynamoDB Local, with an injected clock', () => {
  it('lets the wait lapse, doubles it, runs it from the failure, clears it on success and forgets it after an hour of quiet', async () => {
    // prepare: the repositories of this process point at the test runtime's table
    useTestRuntimeTable();
    const attempt = { email: `clock-${randomUUID()}@nowhere.fr`, sourceIp: newSource() };
    const t0 = Date.now();
    const at = (ms: number) => admitLoginAttempt(attempt, t0 + ms);
    // act
    const free = [await at(0), await at(0), await at(0)];
    const fourth = await at(0);
    const afterTwoSeconds = await at(2000);
    const tooSoon = await at(5999);
    await recordLoginFailure(attempt, t0 + 2500); // the password check took half a second
    const whenFourSecondsRanFromTheAttempt = await at(6000);
    const whenFourSecondsRanFromTheFailure = await at(6500);
    await recordLoginSuccess(attempt, t0 + 6500);
    const afterSuccess = [await at(6500), await at(6500), await at(6500)];
    const afterSuccessFourth = await at(6500);
    const anHourLater = await at(6500 + 60 * 60_000);
    // assess
    expect(free).toEqual([{ admitted: true }, { admitted: true }, { admitted: true }]);
    expect(fourth).toEqual({ admitted: false, retryAt: t0 + 2000 });
    expect(afterTwoSeconds).toEqual({ admitted: true });
    expect(tooSoon).toEqual({ admitted: false, retryAt: t0 + 6000 });
    expect(whenFourSecondsRanFromTheAttempt).toEqual({ admitted: false, retryAt: t0 + 6500 });
    expect(whenFourSecondsRanFromTheFailure).toEqual({ admitted: true });
    expect(afterSuccess).toEqual([{ admitted: true }, { admitted: true }, { admitted: true }]);
    expect(afterSuccessFourth).toEqual({ admitted: false, retryAt: t0 + 8500 });
    expect(anHourLater).toEqual({ admitted: true });
  });
});
