/**
 * Demo productions: the PlanningHub spec's event `event_456` ("Festival Jazz a Juan 2024") in
 * org_123, organised by user_456, still in planning. Written through the same schema, domain and
 * repository as POST /v1/events, and only when missing, so it can run on every start.
 */
import { createProductionEvent } from '../shared/domain/production.ts';
import { slugify } from '../shared/domain/slug.ts';
import { getEvent, insertEvent } from '../shared/store/events.ts';
import { cancellationReasons } from '../shared/store/conditions.ts';
import { createProductionEventBody, toNewProductionInput } from '../shared/schemas/planninghub-events.ts';

export const demoProductionId = 'event_456';
const ORGANIZATION_ID = 'org_123';
const ORGANIZER_ID = 'user_456';

/** The request body of the spec's POST /events example, verbatim. */
export const jazzAJuanRequest = {
  name: 'Festival Jazz a Juan 2024',
  description: '25eme edition du festival de jazz en plein air.',
  start_date: '2024-07-15',
  end_date: '2024-07-22',
  venue: {
    name: 'Pinede Gould',
    address: '62 Bd de la Croisette, 06160 Antibes',
    capacity: 3500,
    technical_contact: { name: 'Pierre Durand', email: 'p.durand@jazzajuan.com', phone: '+33493958585' },
  },
  technical_requirements: {
    sound: { main_system: 'L-Acoustics K2', monitors: 8, mixing_consoles: ['DiGiCo SD5 (FOH)', 'DiGiCo SD10 (Monitors)'] },
    lighting: { moving_lights: 24, led_pars: 48, lighting_desks: ['MA3 Light'] },
    power: { total_power_needed: 200, distros_required: 4 },
  },
  budget: { total: 150000, breakdown: { sound: 50000, lighting: 40000, video: 20000, labor: 30000, transport: 10000 } },
};

export async function seedDemoProductions(): Promise<void> {
  if (await getEvent(ORGANIZATION_ID, demoProductionId, true)) return;
  const input = toNewProductionInput(createProductionEventBody.parse(jazzAJuanRequest));
  try {
    await insertEvent(
      (slug) =>
        createProductionEvent(
          input,
          { id: demoProductionId, organizationId: ORGANIZATION_ID, organizerId: ORGANIZER_ID, slug },
          // The spec's examples are dated 2024-01-20T10:00:00Z.
          new Date('2024-01-20T10:00:00.000Z'),
        ),
      slugify(input.name),
    );
  } catch (error) {
    // Another process seeded it between our read and our write: the event is there, as wanted.
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return;
    throw error;
  }
}
