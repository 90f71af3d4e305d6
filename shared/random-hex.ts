/**
 * Random hexadecimal for identifiers (shift, booking, equipment and document ids, write tokens),
 * from the CSPRNG through a pool refilled 4 KiB at a time, each byte handed out once.
 *
 * Why a pool: `randomBytes(8)` builds a crypto job object per call, about 5 us warm and 19 us
 * (p90 54 us) on the first call after an idle wait, as a request meets it; `randomUUID()` costs
 * 0.2 us / 1.8 us because Node pools its entropy the same way (docs/bench.md, "Request overhead").
 * Secrets (API keys, webhook secrets, registration tokens) are drawn rarely and keep `randomBytes`.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let next = POOL_BYTES;

/** `bytes` random bytes as 2 x `bytes` lowercase hexadecimal digits. */
export function randomHex(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > POOL_BYTES) throw new RangeError(`randomHex: 1 to ${POOL_BYTES} bytes, not ${bytes}`);
  if (next + bytes > POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  const hex = pool.toString('hex', next, next + bytes);
  next += bytes;
  return hex;
}
