/**
 * The specs' request and response examples, as examples of the OpenAPI documents' operations (by
 * operationId). Requests are the specs' own, verbatim (the POST /v1/events one is the demo data's
 * fixture, which the integration tests replay too). Responses are the specs' as this API answers
 * them: the fields it adds, its accents, its ids, and its documented departures (docs/openapi.md,
 * "Examples"). Both linters check each example against its schema (test/unit/openapi-lint.test.ts).
 * Read only by `npm run openapi`: no function bundles this module.
 */
import { jazzAJuanRequest } from '../../local/demo-productions.ts';
import type { Example, OperationExamples } from './document.ts';

const example = (summary: string, value: unknown): Example => ({ summary, value });

// ---------------------------------------------------------------- PlanningHub (/v1)

const specMetadata = {
  technical_rider: 'https://s3.planninghub-spectacle.fr/riders/jazz-juan-2024-sound.pdf',
  stage_plot: 'https://s3.planninghub-spectacle.fr/plans/jazz-juan-2024-stage.svg',
  cable_plan: 'https://s3.planninghub-spectacle.fr/plans/jazz-juan-2024-cable.pdf',
};

const specShiftRequest = {
  title: 'Sonorisation - Scene Principale - Jazz a Juan',
  event_id: 'event_456',
  start_time: '2024-02-15T20:00:00+01:00',
  end_time: '2024-02-16T02:00:00+01:00',
  call_time: '2024-02-15T18:00:00+01:00',
  break_times: [{ start: '2024-02-15T22:30:00+01:00', end: '2024-02-15T23:00:00+01:00', mandatory: true }],
  resources: [
    { id: 'user_456', type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer', 'system_tech'] },
    { id: 'eq_101', type: 'equipment', role: 'mixing_console', quantity: 1 },
    { id: 'eq_102', type: 'equipment', role: 'stage_box', quantity: 2 },
  ],
  economic_value: {
    base_rate: 45,
    equipment_rate: 500,
    total_amount: 1200,
    budget_line: 'sound',
    breakdown: { labor_cost: 405, equipment_cost: 500, meal_allowance: 20, transport_cost: 50, overtime_cost: 225 },
  },
  priority: 'high',
  metadata: specMetadata,
};

/**
 * The client's figures are kept (`source: client`) next to what the engine computes from the
 * contract (45/h, night x1.5) and the equipment's daily rates (docs/shifts.md).
 */
const specEconomicValue = {
  total_amount: 1200,
  budget_line: 'sound',
  currency: 'EUR',
  breakdown: { labor_cost: 405, equipment_cost: 500, meal_allowance: 20, transport_cost: 50, overtime_cost: 225 },
  source: 'client',
  base_rate: 45,
  equipment_rate: 500,
  computed: {
    total_amount: 1032.5,
    currency: 'EUR',
    breakdown: { labor_cost: 337.5, equipment_cost: 580, meal_allowance: 20, transport_cost: 50, overtime_cost: 45 },
    emergency_call: false,
    hours: { paid: 7.5, night: 2, weekend: 0, overtime: 0, emergency: 0 },
    lines: [
      { component: 'labor_cost', class: 'base', quantity: 7.5, unit: 'hour', rate: 45, multiplier: 1, amount: 337.5, technician_id: 'user_456' },
      { component: 'overtime_cost', class: 'night', quantity: 2, unit: 'hour', rate: 45, multiplier: 0.5, amount: 45, technician_id: 'user_456' },
      { component: 'meal_allowance', class: 'meal_window', quantity: 1, unit: 'shift', rate: 20, multiplier: 1, amount: 20, technician_id: 'user_456' },
      { component: 'transport_cost', class: 'transport', quantity: 1, unit: 'shift', rate: 50, multiplier: 1, amount: 50, technician_id: 'user_456' },
      { component: 'equipment_cost', class: 'equipment', equipment_id: 'eq_101', quantity: 1, unit: 'unit_day', rate: 500, multiplier: 1, amount: 500 },
      { component: 'equipment_cost', class: 'equipment', equipment_id: 'eq_102', quantity: 2, unit: 'unit_day', rate: 40, multiplier: 1, amount: 80 },
    ],
    uncosted_technicians: [],
  },
};

const maintenanceDue = {
  code: 'MAINTENANCE_DUE',
  // 55 days from the slot's date (2024-02-15) to 2024-04-10; the spec prints 45 (docs/equipment.md).
  message: 'Cet équipement nécessite une maintenance dans 55 jours (next_maintenance_date: 2024-04-10).',
  severity: 'low',
};

const shiftLink = (action: 'checkin' | 'checkout') => `https://app.planninghub-spectacle.fr/${action}?shift_id=shift_789&token=abc123`;

export const planningHubExamples: Record<string, OperationExamples> = {
  Login: {
    request: {
      spec: example('Jean-Michel logs in to org_123, on event_456', { email: 'jmichel@sonopro.fr', password: 'securePassword123!', organization_id: 'org_123', event_id: 'event_456' }),
    },
    responses: {
      200: {
        spec: example('A JWT (RS256) and the user with their current event', {
          access_token: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9...',
          token_type: 'Bearer',
          expires_in: 3600,
          user: {
            id: 'user_456',
            email: 'jmichel@sonopro.fr',
            roles: ['sound_engineer', 'stage_manager'],
            specializations: ['foh_engineer', 'system_tech'],
            current_event: { id: 'event_456', name: 'Festival Jazz a Juan 2024', role: 'head_sound_engineer' },
          },
        }),
      },
    },
  },
  GetCurrentUser: {
    responses: {
      200: {
        spec: example('Jean-Michel Leroy, with his skills, availability, contract and shifts', {
          id: 'user_456',
          first_name: 'Jean-Michel',
          last_name: 'Leroy',
          email: 'jmichel@sonopro.fr',
          phone: '+336XXXXXXXX',
          roles: ['sound_engineer', 'stage_manager'],
          specializations: [
            {
              category: 'sound',
              skills: [
                { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
                { name: 'system_tech', level: 4 },
              ],
            },
          ],
          availability: { '2024-02-15': ['08:00-18:00', '20:00-02:00'], '2024-02-16': ['14:00-23:00'] },
          employment_contract: {
            type: 'freelance',
            hourly_rate: 45,
            overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 },
            meal_allowance: true,
          },
          current_events: [{ id: 'event_456', name: 'Festival Jazz a Juan 2024', role: 'head_sound_engineer', shifts: ['shift_789', 'shift_101'] }],
        }),
      },
    },
  },
  UpdateAvailability: {
    request: {
      spec: example('Two dates set, one cleared (null)', { '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': null }),
    },
    responses: {
      200: {
        spec: example('Stored; a warning for the shift that overlaps 2024-02-21', {
          status: 'success',
          availability: { '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': [] },
          warnings: [{ date: '2024-02-21', message: 'Ce créneau chevauche un shift existant (shift_101). Le conflit sera résolu par le régisseur.', severity: 'medium' }],
        }),
      },
    },
  },
  ListEquipment: {
    responses: {
      200: {
        spec: example('GET /v1/equipment?category=sound&subcategory=mixing_console&start_time=2024-02-15T00:00:00&end_time=2024-02-16T00:00:00 (first result)', {
          count: 3,
          results: [
            {
              id: 'eq_101',
              name: 'DiGiCo SD5',
              category: 'sound',
              subcategory: 'mixing_console',
              availability: [
                { start_time: '2024-02-15T01:00:00+01:00', end_time: '2024-02-15T20:00:00+01:00', status: 'available' },
                { start_time: '2024-02-15T20:00:00+01:00', end_time: '2024-02-16T02:00:00+01:00', status: 'booked', event_id: 'event_456', booking_id: 'booking_202' },
              ],
              specifications: { inputs: 128, outputs: 64, compatibility: ['Dante', 'MADI'] },
              maintenance: { last_maintenance_date: '2024-01-10', next_maintenance_date: '2024-04-10' },
              kind: 'unit',
              quantity_total: 1,
              required_certifications: ['DiGiCo Certified'],
              daily_rate: 500,
              status: 'active',
              created_at: '2024-01-20T10:00:00.000Z',
              updated_at: '2024-01-20T10:00:00.000Z',
              retired_at: null,
            },
          ],
          next_cursor: null,
        }),
      },
    },
  },
  BookEquipment: {
    request: {
      spec: example('eq_101 for the spec shift, 20:00-02:00', {
        equipment_id: 'eq_101',
        event_id: 'event_456',
        shift_id: 'shift_789',
        start_time: '2024-02-15T20:00:00+01:00',
        end_time: '2024-02-16T02:00:00+01:00',
        technician_id: 'user_456',
      }),
    },
    responses: {
      201: { spec: example('Booked, with a maintenance warning', { booking_id: 'booking_202', equipment_id: 'eq_101', status: 'confirmed', conflicts: [], warnings: [maintenanceDue] }) },
    },
  },
  CreateShift: {
    request: { spec: example('The sound shift of the main stage, with its technician, two pieces of equipment and its technical sheets', specShiftRequest) },
    responses: {
      201: {
        spec: example('Confirmed, with an overlap warning (12 h of rest kept) and the costs computed next to the client\'s', {
          id: 'shift_789',
          status: 'confirmed',
          conflicts: [],
          warnings: [
            {
              code: 'OVERLAP_WARNING',
              message: 'Le technicien user_456 a un autre shift à 16h-18h le même jour (temps de repos respecté: 12h).',
              severity: 'low',
              technician_id: 'user_456',
            },
            { ...maintenanceDue, equipment_id: 'eq_101' },
          ],
          economic_value: specEconomicValue,
          created_at: '2024-01-20T10:00:00.000Z',
          version: 1,
        }),
      },
    },
  },
  GetShift: {
    responses: {
      200: {
        spec: example('The shift as its technician sees it: resources, costs, technical sheets, checklist and QR links', {
          id: 'shift_789',
          title: 'Sonorisation - Scene Principale - Jazz a Juan',
          status: 'confirmed',
          event_id: 'event_456',
          call_time: '2024-02-15T18:00:00+01:00',
          start_time: '2024-02-15T20:00:00+01:00',
          end_time: '2024-02-16T02:00:00+01:00',
          break_times: [{ start: '2024-02-15T22:30:00+01:00', end: '2024-02-15T23:00:00+01:00', mandatory: true }],
          priority: 'high',
          resources: [
            {
              id: 'user_456',
              type: 'technician',
              name: 'Jean-Michel Leroy',
              role: 'foh_engineer',
              skills: ['foh_engineer', 'system_tech'],
              status: 'confirmed',
              required_skills: ['foh_engineer', 'system_tech'],
              actual: { check_in_time: null, check_out_time: null, hours: null, economic_value: null },
            },
            { id: 'eq_101', type: 'equipment', name: 'DiGiCo SD5', category: 'sound', subcategory: 'mixing_console', status: 'booked', role: 'mixing_console', quantity: 1 },
            { id: 'eq_102', type: 'equipment', name: 'DiGiCo D2-Rack stage box', category: 'sound', subcategory: 'stage_box', status: 'booked', role: 'stage_box', quantity: 2 },
          ],
          economic_value: specEconomicValue,
          metadata: {
            ...specMetadata,
            checklist: ['Verifier les niveaux des retours avant le soundcheck', 'Tester les backup lines pour la console', 'Prevoir 2 cables XLR de rechange'],
          },
          conflicts: [],
          qrcode: { checkin_url: shiftLink('checkin'), checkout_url: shiftLink('checkout') },
          planned_versus_actual: {
            currency: 'EUR',
            technicians: [
              {
                technician_id: 'user_456',
                planned: { start_time: '2024-02-15T18:00:00+01:00', end_time: '2024-02-16T02:00:00+01:00', worked_hours: 7.5, amount: 452.5 },
                actual: { check_in_time: null, check_out_time: null, hours: null, amount: null },
                difference_hours: null,
                difference_amount: null,
              },
            ],
            settled: { technicians: 0, planned_amount: 0, actual_amount: 0, difference_amount: 0 },
          },
          conflict_policy: 'reject',
          version: 1,
          created_at: '2024-01-20T10:00:00.000Z',
          updated_at: '2024-01-20T10:00:00.000Z',
          cancelled_at: null,
        }),
      },
    },
  },
  CreateProductionEvent: {
    request: { spec: example('Festival Jazz a Juan 2024: venue, technical requirements and budget', jazzAJuanRequest) },
    responses: {
      201: {
        spec: example('In planning, with the requirements as stored and the next steps', {
          id: 'event_456',
          status: 'planning',
          technical_requirements: jazzAJuanRequest.technical_requirements,
          next_steps: ['Assigner un régisseur général', 'Importer les riders techniques des artistes', 'Planifier les répétitions techniques'],
        }),
      },
    },
  },
};

// ---------------------------------------------------------------- EventLite (/api/v1)

/** The spec's event (the demo data's "Meetup IA Paris", local/seed.ts), as the API shows it. */
const meetup = {
  id: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
  slug: 'meetup-ia-paris',
  title: 'Meetup IA Paris',
  subtitle: "Découvrez l'IA générative",
  description: "Rejoignez-nous pour une soirée dédiée à l'IA...",
  coverImage: 'https://api.example.invalid/api/v1/images/events/user_admin/1737367200000-3f9a1c2b7d4e5f60.jpg',
  mode: 'IN_PERSON',
  location: '42 rue Tech, Paris',
  latitude: 48.8566,
  longitude: 2.3522,
  startAt: '2025-02-15T19:00:00.000Z',
  endAt: '2025-02-15T21:00:00.000Z',
  timezone: 'Europe/Paris',
  capacity: 50,
  waitlist: true,
  status: 'PUBLISHED',
  organizerId: 'user_admin',
  createdAt: '2025-01-20T10:00:00.000Z',
  updatedAt: '2025-01-20T10:00:00.000Z',
};

const createEventRequest = {
  title: 'Meetup IA Paris',
  subtitle: "Découvrez l'IA générative",
  description: "Rejoignez-nous pour une soirée dédiée à l'IA...",
  coverImage: 'https://blob.vercel-storage.com/...',
  mode: 'IN_PERSON',
  location: '42 rue de la Tech, 75001 Paris',
  latitude: 48.8566,
  longitude: 2.3522,
  startAt: '2025-02-15T19:00:00.000Z',
  capacity: 50,
  waitlist: true,
  status: 'DRAFT',
};

export const eventLiteExamples: Record<string, OperationExamples> = {
  ListEvents: {
    responses: {
      200: { spec: example('One published event, with its registration count', { data: [{ ...meetup, registrations_count: 12 }], pagination: { total: 15, limit: 50, offset: 0, has_more: false } }) },
    },
  },
  CreateEvent: {
    request: { spec: example('An in-person draft with a cover image', createEventRequest) },
    responses: {
      201: {
        spec: example('Created: slug from the title, end two hours after the start, Paris time zone', {
          data: {
            ...meetup,
            ...createEventRequest,
            id: '550e8400-e29b-41d4-a716-446655440000',
            slug: 'meetup-ia-paris',
            endAt: '2025-02-15T21:00:00.000Z',
            timezone: 'Europe/Paris',
          },
        }),
      },
    },
  },
  GetEvent: {
    responses: {
      200: {
        spec: example('By id or slug, with the organiser and the counts', {
          data: { ...meetup, organizer: { id: 'user_admin', name: 'Jean Dupont', email: 'jean@example.com' }, confirmed_count: 25, waitlist_count: 5, total_registrations: 30 },
        }),
      },
    },
  },
  UpdateEvent: {
    request: {
      retitle: example('A new title, published', { title: 'Nouveau titre', status: 'PUBLISHED' }),
      publish: example('Publish', { status: 'PUBLISHED' }),
      capacity: example('Change the capacity', { capacity: 100 }),
      cancel: example('Cancel', { status: 'CANCELLED' }),
      cover: example('Add a cover image (the `url` of POST /api/v1/upload)', { coverImage: meetup.coverImage }),
    },
    responses: {
      200: { spec: example('The event as changed (publish)', { data: { ...meetup, updatedAt: '2025-01-21T09:30:00.000Z' } }) },
    },
  },
  DeleteEvent: {
    responses: { 200: { spec: example('Deleted, with its registrations', { message: 'Event deleted successfully' }) } },
  },
  UploadImage: {
    request: {
      url: example('From a URL (the API downloads it)', { url: 'https://example.com/image.jpg' }),
      base64: example('In base64 (data URL or bare)', { base64: 'data:image/png;base64,iVBORw0KGgo...' }),
    },
    responses: {
      201: {
        spec: example('Stored; `url` serves it and can be an event\'s coverImage', {
          data: {
            url: 'https://api.example.invalid/api/v1/images/events/user_admin/1737367200000-3f9a1c2b7d4e5f60.jpg',
            pathname: 'events/user_admin/1737367200000-3f9a1c2b7d4e5f60.jpg',
          },
        }),
      },
    },
  },
};
