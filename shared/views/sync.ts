/** GET /v1/sync on the wire (snake_case). */
import type { SyncResult } from '../app/sync/sync.ts';
import { shiftListItemView } from './shifts.ts';
import { documentView } from './documents.ts';

export function syncView(result: SyncResult) {
  return {
    shifts: result.shifts.map((shift) => ({
      ...shiftListItemView(shift, result.timeZone),
      metadata: {
        technical_rider: shift.metadata.technicalRider,
        stage_plot: shift.metadata.stagePlot,
        cable_plan: shift.metadata.cablePlan,
        checklist: shift.metadata.checklist,
      },
      updated_at: shift.updatedAt,
      cancelled_at: shift.cancelledAt,
    })),
    shift_ids: result.liveShiftIds,
    documents: result.documents.map(({ document, download }) => documentView(document, download)),
    next_cursor: result.nextCursor,
    server_time: result.serverTime,
  };
}
