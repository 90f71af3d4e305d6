/**
 * POST /v1/shifts/{id}/checkin and /checkout (docs/shifts.md, "QR check-in"): the token of the
 * link the QR code opens, in the body. Request schema in `zod/mini` (docs/schemas.md); the
 * responses are documented in shifts-docs.ts. The token's shape is the domain's to judge
 * (shared/domain/checkin-token.ts), so that every token that does not verify is the same 403
 * with its reason, whatever is wrong with it.
 */
import * as z from 'zod/mini';
import { MAX_TOKEN_LENGTH } from '../domain/checkin-token.ts';

export const checkinBody = z
  .strictObject({
    token: z
      .string()
      .check(z.minLength(1), z.maxLength(MAX_TOKEN_LENGTH), z.describe('The `token` parameter of the checkin_url (or checkout_url) of GET /v1/shifts/{id}, as is')),
  })
  .register(z.globalRegistry, { id: 'CheckinInput' });
export type CheckinBody = z.infer<typeof checkinBody>;
