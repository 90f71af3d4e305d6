import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export type Surface = 'eventlite' | 'planninghub' | 'system';

/**
 * What the Lambda authorizer hands to functions (simple responses: flat primitives only).
 * `principal: 'anonymous'` means no valid credential; `reason` says why, for the logs.
 */
export type AuthorizerContext =
  | {
      principal: 'user';
      userId: string;
      organizationId: string;
      authType: 'apiKey' | 'jwt';
      apiKeyId?: string;
      /** False when the caller asked for an organisation it does not belong to (a 403, not a 401). */
      member: boolean;
      /** The membership's roles, comma-separated (simple authorizer responses hold primitives only). */
      roles: string;
      /** The credential's scopes, comma-separated: every scope for a JWT, the key's own for an API key. */
      scopes?: string;
      /** The API key's expiry (epoch seconds), which keys it issues may not outlive. */
      apiKeyExpiresAt?: number;
      /** The membership's generation (identity store), under which a new API key is issued. */
      membershipGeneration?: string;
      /** The rate-limit verdict the authorizer counted for this request (absent on unlimited routes). */
      rateClass?: string;
      rateLimit?: number;
      rateRemaining?: number;
      rateReset?: number;
      rateWindowSeconds?: number;
      rateExceeded?: boolean;
    }
  | { principal: 'anonymous'; reason: string };

export type ApiEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type { Context };

export interface Principal {
  userId: string;
  organizationId: string;
  authType: 'apiKey' | 'jwt';
  apiKeyId?: string;
  roles: string[];
  scopes: string[];
  apiKeyExpiresAt?: number;
  membershipGeneration?: string;
}
