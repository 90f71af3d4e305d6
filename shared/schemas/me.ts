/**
 * PATCH /v1/users/me body (the caller's own contact details) and its mapping, apart from
 * technicians.ts (which re-exports it) so that its function does not build the technician
 * profile and availability schemas at cold start (docs/bench.md).
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';

const personName = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

export const updateMeBody = z
  .strictObject({
    first_name: z.optional(personName),
    last_name: z.optional(personName),
    phone: z
      .optional(z.nullable(z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 .()-]{5,24}$/, fieldMessage('VALIDATION_ERROR.phone')))))
      .check(z.describe('null removes it')),
  })
  // Only when the body is otherwise valid: a body of forbidden fields is not also "empty".
  .check(
    z.refine((body) => Object.keys(body).length > 0, { ...fieldMessage('VALIDATION_ERROR.empty_body'), when: (payload) => payload.issues.length === 0 }),
  )
  .register(z.globalRegistry, { id: 'UpdateCurrentUserInput' });
export type UpdateMeBody = z.infer<typeof updateMeBody>;

export const toContactChanges = (body: UpdateMeBody) => ({ firstName: body.first_name, lastName: body.last_name, phone: body.phone });
