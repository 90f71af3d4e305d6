/**
 * The API key path parameter, apart from the creation body (api-keys.ts) so that RevokeApiKey
 * builds no instant, enum or list schema (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

export const apiKeyIdParams = z.strictObject({
  id: boundedId(),
});
