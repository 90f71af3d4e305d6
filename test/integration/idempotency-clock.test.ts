/**
 * Idempotency records with an injected clock: the store (shared/store/idempotency.ts) in this
 * process against the test runtime's DynamoDB Local, at chosen instants around a claim's lock and
 * a response's retention, with no sleep and no item rewritten by hand. Each write's condition
 * compares `expiresAt` with the `now` it is given, so DynamoDB itself decides at every instant.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestRuntimeTable } from './in-process.ts';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, type StoredResponse } from '../../shared/store/idempotency.ts';

const RETENTION_SECONDS = 24 * 3600;
const response: StoredResponse = { statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{"data":{"id":"evt_1"}}', isBase64Encoded: false };

function arrangeKey() {
  useTestRuntimeTable();
  const address = { caller: { organizationId: `org_t_${randomUUID().slice(0, 8)}`, userId: 'user_t_clock' }, routeKey: 'POST /api/v1/events', keyHash: randomUUID() };
  // Whole seconds: the records count in epoch seconds.
  const t0 = Math.floor(Date.now() / 1000);
  const claim = (token: string, atSeconds: number, lockSeconds = 30) =>
    claimIdempotencyKey({ ...address, fingerprint: 'same-request', token, now: new Date(atSeconds * 1000), lockedUntil: atSeconds + lockSeconds });
  const complete = (token: string, atSeconds: number) =>
    completeIdempotencyKey({ ...address, token, response, expiresAt: atSeconds + RETENTION_SECONDS, now: new Date(atSeconds * 1000) });
  return { address, t0, claim, complete };
}

describe('an idempotency key with an injected clock', () => {
  it('blocks the key while a claim is locked, frees it at the lock’s end, and refuses the late owner its completion', async () => {
    // prepare
    const { t0, claim, complete } = arrangeKey();
    // act
    const first = await claim('first', t0);
    const duringLock = await claim('second', t0 + 29);
    const atLockEnd = await claim('second', t0 + 30);
    const lateOwner = await complete('first', t0 + 31);
    const newOwner = await complete('second', t0 + 31);
    // assess
    expect(first).toEqual({ claimed: true });
    expect(duringLock).toEqual({ claimed: false, record: expect.objectContaining({ status: 'IN_PROGRESS', fingerprint: 'same-request' }) });
    expect(atLockEnd).toEqual({ claimed: true });
    expect(lateOwner).toBe(false);
    expect(newOwner).toBe(true);
  });

  it('replays a completed response for the retention period, and forgets it at its end', async () => {
    // prepare
    const { t0, claim, complete } = arrangeKey();
    await claim('first', t0);
    await complete('first', t0 + 2);
    // act
    const lastSecond = await claim('retry', t0 + 2 + RETENTION_SECONDS - 1);
    const atRetentionEnd = await claim('retry', t0 + 2 + RETENTION_SECONDS);
    // assess
    expect(lastSecond).toEqual({ claimed: false, record: expect.objectContaining({ status: 'COMPLETED', response }) });
    expect(atRetentionEnd).toEqual({ claimed: true });
  });

  it('frees a released key at once, and keeps someone else’s claim when a stale owner releases', async () => {
    // prepare
    const { address, t0, claim } = arrangeKey();
    await claim('first', t0);
    // act
    await releaseIdempotencyKey({ ...address, token: 'first' });
    const afterRelease = await claim('second', t0 + 1);
    await releaseIdempotencyKey({ ...address, token: 'first' });
    const afterStaleRelease = await claim('third', t0 + 2);
    // assess
    expect(afterRelease).toEqual({ claimed: true });
    expect(afterStaleRelease).toMatchObject({ claimed: false, record: { status: 'IN_PROGRESS' } });
  });
});
