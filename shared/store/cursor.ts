/**
 * The one cursor codec of the list endpoints. A cursor is base64url JSON naming where a page
 * stopped; it is untrusted input, so decoding validates it: each list rebuilds the position from
 * what the cursor names with its own key builders (`accept`, null when the shape is wrong) and the
 * position must lie inside the range the list's key condition reads (`inRange`), since DynamoDB
 * refuses (a 500) an ExclusiveStartKey outside it. Whatever fails is the caller's 400, its detail a
 * catalogue key that the error envelope words in the caller's language.
 */
import { DomainError, fieldDetail } from '../domain/errors.ts';

export const invalidCursor = () =>
  DomainError.of('invalid', 'VALIDATION_ERROR.cursor', { details: [fieldDetail('cursor', 'VALIDATION_ERROR.cursor')] });

export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export function decodeCursor<T>(cursor: string, accept: (decoded: unknown) => T | null, inRange: (position: T) => boolean = () => true): T {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const position = accept(decoded);
  if (position === null || !inRange(position)) throw invalidCursor();
  return position;
}
