/**
 * The event path parameter of EventLite (docs/api-eventlite.md), apart from eventlite.ts so that
 * the functions that take no event body do not build those schemas at cold start (docs/bench.md).
 */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

export const eventIdParams = z.strictObject({
  id: boundedId().check(z.describe('Event UUID or slug')),
});
