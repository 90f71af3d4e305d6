/**
 * EventLite API key requests (docs/api-eventlite.md), apart from eventlite.ts so that the key
 * functions do not build the event schemas at cold start (docs/bench.md).
 */
import * as z from 'zod/mini';
import { acceptedInstantYear } from './primitives.ts';
import { API_KEY_SCOPES } from '../domain/api-key.ts';

const isoInstant = z.iso.datetime({ offset: true }).check(acceptedInstantYear(), z.describe('ISO 8601 instant; UTC (`Z`) recommended'));

// The path parameter: in api-key-params.ts, so that RevokeApiKey builds no body schema.
export { apiKeyIdParams } from './api-key-params.ts';

export const createApiKeyBody = z
  .strictObject({
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))).check(z.describe('A label to recognise the key by')),
    scopes: z
      .optional(z.array(z.enum(API_KEY_SCOPES)).check(z.minLength(1), z.maxLength(API_KEY_SCOPES.length)))
      .check(
        z.describe(
          'What the key may do; defaults to ["eventlite:read", "eventlite:write"]. Read scopes cover GET, write scopes every other method. ' +
            'A key issuing a key can grant only scopes it holds.',
        ),
      ),
    expiresAt: z
      .optional(isoInstant)
      .check(z.describe('When the key stops working: in the future, at most one year ahead (rounded down to the second). Defaults to never, or to the issuing key\'s expiry.')),
  })
  .register(z.globalRegistry, { id: 'CreateApiKeyInput' });
