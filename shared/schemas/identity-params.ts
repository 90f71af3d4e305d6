/**
 * PlanningHub member and invitation path parameters, apart from planninghub-identity.ts so that
 * their functions build no body schema (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

const identifier = boundedId();

export const memberParams = z.strictObject({ user_id: identifier });
export const invitationParams = z.strictObject({ invitation_id: identifier });
