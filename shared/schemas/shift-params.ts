/**
 * The path parameter and the expected version of the shift routes that take no shift body
 * (cancel, check-in/out, read): apart from shifts.ts so that their functions do not build the
 * shift body schemas at cold start (docs/bench.md).
 */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';
import { DomainError, fieldDetail } from '../domain/errors.ts';

export const shiftIdParams = z.strictObject({ id: boundedId().check(z.describe('Shift id, e.g. shift_789')) });

const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * The version a write is conditioned on: the body's `version` or `If-Match: "<version>"` (the
 * ETag the API returns). Both may be sent if they agree. Neither: 428 PRECONDITION_REQUIRED when
 * `required`, so that no planner overwrites a change they never saw.
 */
export function expectedVersionOf(bodyVersion: number | undefined, ifMatch: string | undefined, required: boolean): number | undefined {
  let headerVersion: number | undefined;
  if (ifMatch !== undefined) {
    const match = IF_MATCH.exec(ifMatch.trim());
    if (!match) {
      throw DomainError.of('invalid', 'VALIDATION_ERROR.if_match', { details: [fieldDetail('If-Match', 'VALIDATION_ERROR.expected_version')] });
    }
    headerVersion = Number(match[1]);
  }
  if (bodyVersion !== undefined && headerVersion !== undefined && bodyVersion !== headerVersion) {
    throw DomainError.of('invalid', 'VALIDATION_ERROR.version_if_match', { details: [fieldDetail('version', 'VALIDATION_ERROR.differs_from_if_match')] });
  }
  const version = bodyVersion ?? headerVersion;
  if (version === undefined && required) {
    throw DomainError.of('precondition_required', 'PRECONDITION_REQUIRED.shift_version');
  }
  return version;
}
