import { endpoint } from '../../shared/http/endpoint.ts';
import { etagMatches, notModified } from '../../shared/http/conditional.ts';
import { config } from '../../shared/config.ts';
import { createLogger } from '../../shared/http/logger.ts';
import { shiftIdParams } from '../../shared/schemas/shift-params.ts';
import { checkinTokenKeys } from '../../shared/adapters/checkin-secret.ts';
import { getShift } from '../../shared/app/shifts/get-shift.ts';
import { shiftWithAttendanceView } from '../../shared/views/shifts.ts';

const logger = createLogger({ function: 'GetShift' });

// The shift is the app's main screen: without the secret it still shows, without links.
const checkinKeys = () =>
  checkinTokenKeys().then(
    (configured) => {
      if (!configured) logger.error('no check-in token secret configured: no links');
      return configured ?? [];
    },
    (error: unknown) => {
      logger.error('check-in token secret unreadable: no links', { error });
      return [];
    },
  );

export const handler = endpoint({ surface: 'planninghub', params: shiftIdParams }, async ({ params, principal, headers }) => {
  const { shift, attendance, planner, world, resolved, tokens, actual, documents } = await getShift(principal, params.id, checkinKeys, Date.now());
  // The app caches the planning: unchanged version, 304 (docs/documents.md, "Conditional GETs").
  const etag = `"${shift.version}"`;
  if (etagMatches(headers('if-none-match'), etag)) return notModified(etag);
  return {
    statusCode: 200,
    // The ETag is the planning version (If-Match of PATCH); check-ins do not move it.
    headers: { ETag: `"${shift.version}"` },
    body: shiftWithAttendanceView(shift, resolved, world.timeZone, { tokens, callerId: principal.userId, planner, appBaseUrl: config.appBaseUrl, attendance, actual, documents }),
  };
});
