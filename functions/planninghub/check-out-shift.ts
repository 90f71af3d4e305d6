import { endpoint } from '../../shared/http/endpoint.ts';
import { checkinBody } from '../../shared/schemas/checkin.ts';
import { shiftIdParams } from '../../shared/schemas/shift-params.ts';
import { shiftSettings } from '../../shared/store/shifts.ts';
import { checkInOrOut } from '../../shared/app/shifts/check-in.ts';
import { checkinView } from '../../shared/views/shifts.ts';

// Any member may call: what binds the call to a technician is the token, issued to the caller only.
export const handler = endpoint({ surface: 'planninghub', params: shiftIdParams, body: checkinBody }, async ({ params, body, principal }) => {
  const outcome = await checkInOrOut(principal, params.id, 'checkout', body.token, new Date());
  const { timeZone } = await shiftSettings(principal.organizationId);
  return { statusCode: 200, body: checkinView(outcome, 'checkout', timeZone) };
});
