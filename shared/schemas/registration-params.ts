/**
 * EventLite registration path parameters, apart from registrations.ts so that the functions that
 * parse only these build no body or list schema (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

export const registrationEventParams = z.strictObject({
  id: boundedId().check(z.describe('Event UUID or slug')),
});

export const registrationParams = z.strictObject({
  id: boundedId().check(z.describe('Event UUID or slug')),
  registrationId: boundedId().check(z.describe('Registration id')),
});
