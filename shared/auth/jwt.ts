/**
 * RS256 access-token verification with aws-jwt-verify: issuer, audience and the issuer's JWKS,
 * nothing but RS256, and an `exp` claim required. JWKS are fetched with the runtime's fetch so the local development issuer
 * (plain http on loopback) and Auth0 (https) go through the same code.
 */
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { CLAIM_NAMESPACE } from './claims.ts';

export { CLAIM_NAMESPACE };

const fetcher: Fetcher = {
  fetch: async (uri) => {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
    return response.arrayBuffer();
  },
};

export function createJwtVerifier(config: { issuer: string; audience: string; jwksUri: string }) {
  return JwtRsaVerifier.create(
    {
      issuer: config.issuer,
      audience: config.audience,
      jwksUri: config.jwksUri,
      customJwtCheck: ({ header, payload }) => {
        if (header.alg !== 'RS256') throw new Error(`Algorithm ${String(header.alg)} is not accepted`);
        // aws-jwt-verify checks exp only when present: a token without one would never expire.
        if (typeof payload.exp !== 'number') throw new Error('Token without exp is not accepted');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
}

export type VerifiedClaims = JwtPayload;

/** The product's user id: a namespaced claim set by the issuer (an Auth0 Action), else `sub`. */
export const userIdOf = (claims: JwtPayload) => (claims[`${CLAIM_NAMESPACE}user_id`] as string | undefined) ?? (claims.sub as string);
export const organizationIdOf = (claims: JwtPayload) => claims[`${CLAIM_NAMESPACE}org_id`] as string | undefined;
