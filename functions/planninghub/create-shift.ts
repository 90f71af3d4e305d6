import { randomHex } from '../../shared/random-hex.ts';
import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { normaliseEventId } from '../../shared/domain/production.ts';
import { checkClientEconomicValue, parseShiftTimes, type ShiftDraft } from '../../shared/domain/shift.ts';
import { createShiftBody, toClientEconomicValue, toDraftResources, toMetadata } from '../../shared/schemas/shifts.ts';
import { shiftSettings } from '../../shared/store/shifts.ts';
import { createShift } from '../../shared/app/shifts/create-shift.ts';
import { createdShiftView } from '../../shared/views/shifts.ts';
import { recordMetric } from '../../shared/observability/metrics.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, body: createShiftBody }, async ({ body, principal, scope }) => {
  const eventId = normaliseEventId(body.event_id);
  if (scope.eventId !== undefined && normaliseEventId(scope.eventId) !== eventId) {
    throw DomainError.of('invalid', 'VALIDATION_ERROR.event_id_header', { details: [{ field: 'event_id', message: 'differs from X-Event-ID' }] });
  }
  const draft: ShiftDraft = {
    title: body.title,
    eventId,
    times: parseShiftTimes(body),
    resources: toDraftResources(body.resources),
    priority: body.priority ?? 'medium',
    metadata: toMetadata(body.metadata),
    conflictPolicy: body.conflict_policy ?? 'reject',
    economicValue: toClientEconomicValue(body.economic_value),
  };
  checkClientEconomicValue(draft.economicValue);
  const caller = { organizationId: principal.organizationId, userId: principal.userId, lang: scope.lang };
  const shiftId = `shift_${randomHex(8)}`;
  const { shift, warnings } = await createShift(caller, { shiftId, draft, now: new Date() });
  recordMetric('ShiftCost', shift.economicValue.totalAmount, { Currency: shift.economicValue.currency });
  const { timeZone } = await shiftSettings(principal.organizationId);
  return {
    statusCode: 201,
    headers: { Location: `/v1/shifts/${shift.id}`, ETag: `"${shift.version}"` },
    body: createdShiftView(shift, warnings, timeZone),
  };
});
