/** The `{id}` of PlanningHub's /v1/events/{id} routes, apart from the event bodies (planninghub-events.ts): see there. */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

export const productionEventIdParams = z.strictObject({
  id: boundedId().check(z.describe('Event id')),
});
