/** GET /v1/sync response: for the route manifest's documentation only (view in shared/views/sync.ts). */
import * as z from 'zod';
import { documentSchema } from './documents-docs.ts';

const technicalSheet = z.string().nullable().describe('An http(s) URL or a document id (see `documents`)');

export const syncSchema = z
  .object({
    shifts: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          status: z.string(),
          event_id: z.string(),
          call_time: z.string(),
          start_time: z.string(),
          end_time: z.string(),
          priority: z.string(),
          resources: z.array(
            z.object({ id: z.string(), type: z.enum(['technician', 'equipment']), role: z.string().nullable(), status: z.string(), quantity: z.number().int().optional() }),
          ),
          version: z.number().int(),
          metadata: z.object({ technical_rider: technicalSheet, stage_plot: technicalSheet, cable_plan: technicalSheet, checklist: z.array(z.string()) }),
          updated_at: z.string(),
          cancelled_at: z.string().nullable(),
        }),
      )
      .describe("The caller's shifts created, updated or cancelled since the cursor (first sync: every live one)"),
    shift_ids: z.array(z.string()).describe("Every live shift of the caller in the window: drop any other the app holds"),
    documents: z.array(documentSchema).describe("Documents of those shifts' events changed since the cursor (`status: deleted`: drop it)"),
    next_cursor: z.string().describe('Pass it as `since` next time'),
    server_time: z.string(),
  })
  .meta({ id: 'SyncResult' });
