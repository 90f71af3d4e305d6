/**
 * Registration request schemas (EventLite organiser API, docs/registrations.md). zod/mini for the
 * cold start; the response schemas, for the document only, are in registrations-docs.ts.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { storableNumberFromText } from './primitives.ts';
import { isPlausibleEmail, REGISTRATION_STATUSES } from '../domain/registration.ts';

export const registrationName = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
export const registrationEmail = z
  .string()
  .check(z.trim(), z.maxLength(254), z.refine(isPlausibleEmail, fieldMessage('VALIDATION_ERROR.registration_email')));

export const createRegistrationBody = z
  .strictObject({ name: registrationName, email: registrationEmail })
  .register(z.globalRegistry, { id: 'CreateRegistrationInput' });

// The path parameters: in registration-params.ts, so that the functions that parse nothing else
// (GetRegistration, CancelRegistration, ExportRegistrations) build none of the other schemas.
export { registrationEventParams, registrationParams } from './registration-params.ts';

export const listRegistrationsQuery = z.strictObject({
  status: z.optional(z.enum(REGISTRATION_STATUSES)),
  limit: z._default(storableNumberFromText().check(z.int(), z.gte(1), z.lte(100)), 50),
  offset: z._default(storableNumberFromText().check(z.int(), z.gte(0), z.lte(10_000)), 0),
});
