/** GET /v1/sync (docs/documents.md, "Offline sync"): request schema, in `zod/mini` for the cold start. */
import * as z from 'zod/mini';

export const syncQuery = z.strictObject({
  since: z.optional(z.string().check(z.minLength(1), z.maxLength(200), z.describe('`next_cursor` of the previous sync; omit it for everything current'))),
});
