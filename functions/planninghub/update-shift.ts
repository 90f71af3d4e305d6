import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { checkClientEconomicValue } from '../../shared/domain/shift.ts';
import { expectedVersionOf, shiftIdParams } from '../../shared/schemas/shift-params.ts';
import { toShiftChange, updateShiftBody } from '../../shared/schemas/shift-update.ts';
import { resolveShiftResources, shiftSettings } from '../../shared/store/shifts.ts';
import { cancelShift } from '../../shared/app/shifts/cancel-shift.ts';
import { updateShift } from '../../shared/app/shifts/update-shift.ts';
import { shiftDetailView } from '../../shared/views/shifts.ts';

export const handler = endpoint(
  { surface: 'planninghub', roles: PLANNERS, params: shiftIdParams, body: updateShiftBody },
  async ({ params, body, principal, scope, headers }) => {
    const expected = expectedVersionOf(body.version, headers('if-match'), true)!;
    const caller = { organizationId: principal.organizationId, userId: principal.userId, lang: scope.lang };
    const now = new Date();
    let result;
    if (body.status === 'cancelled') {
      const others = Object.keys(body).filter((field) => field !== 'status' && field !== 'version');
      if (others.length > 0) {
        throw DomainError.of('invalid', 'VALIDATION_ERROR.cancel_alone', { details: others.map((field) => ({ field, message: 'Not allowed with status cancelled' })) });
      }
      result = { shift: await cancelShift(caller, params.id, expected, now), warnings: [] };
    } else {
      result = await updateShift(
        caller,
        params.id,
        expected,
        (current) => {
          const change = toShiftChange(current, body);
          checkClientEconomicValue(change.draft.economicValue);
          return change;
        },
        now,
      );
    }
    const [{ timeZone }, resolved] = await Promise.all([shiftSettings(principal.organizationId), resolveShiftResources(principal.organizationId, result.shift)]);
    return {
      statusCode: 200,
      headers: { ETag: `"${result.shift.version}"` },
      body: { ...shiftDetailView(result.shift, resolved, timeZone), warnings: result.warnings },
    };
  },
);
