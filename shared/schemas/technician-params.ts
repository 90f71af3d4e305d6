/**
 * The technician path parameter, apart from technicians.ts so that GetTechnician builds no
 * profile schema (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

export const technicianParams = z.strictObject({ user_id: boundedId().check(z.describe('The member whose profile it is')) });
