/**
 * The token claims both sides agree on, apart from the verifier: the issuer (local-issuer.ts, in
 * Login's bundle) must not import jwt.ts, which pulls aws-jwt-verify (~17 KB) into a function that
 * only signs.
 */

/** Custom claims are namespaced, as Auth0 requires. */
export const CLAIM_NAMESPACE = 'https://planninghub-spectacle.fr/';
