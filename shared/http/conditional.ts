/**
 * Conditional GETs (RFC 9110 section 13.1.2): `If-None-Match` compared weakly with the resource's
 * ETag; a match is a 304 without a body, which saves the mobile app the transfer.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(etag));
}

/** The 304 answer: the ETag again, no body. */
export const notModified = (etag: string) => ({ statusCode: 304, headers: { ETag: etag } });
