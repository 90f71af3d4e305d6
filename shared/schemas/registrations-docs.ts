/** Registration response schemas: for the OpenAPI document only. */
import * as z from 'zod';
import { REGISTRATION_STATUSES } from '../domain/registration.ts';

export const registrationSchema = z
  .object({
    id: z.string().describe('Time-ordered (UUID version 7)'),
    eventId: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    waitlistPosition: z.number().int().nullable().describe('Rank in the live waitlist (1 = next promoted); null unless WAITLISTED'),
    createdAt: z.string(),
    promotedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
  })
  .meta({ id: 'Registration' });
