/**
 * Who asks, as the use cases see it: the authenticated caller the HTTP pipeline resolved, without
 * anything of HTTP. Structurally the pipeline's Principal, so a handler passes it as it is.
 */
export interface Actor {
  userId: string;
  organizationId: string;
  roles: string[];
  scopes: string[];
  authType: 'apiKey' | 'jwt';
  apiKeyExpiresAt?: number;
  membershipGeneration?: string;
}
