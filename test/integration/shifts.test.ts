/**
 * Shifts through the local gateway over DynamoDB Local: the spec's POST and GET replayed in a
 * replica of its world (shifts-world.ts says why not in the demo organisation itself), conflicts
 * with their suggestions, the flag policy, qualifications, optimistic concurrency, cancellation,
 * lists and the caller's own shifts. Labour-law boundaries and costs: shifts-rules.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../shared/store/keys.ts';
import { tableClient } from './support.ts';
import { arrangeCrewWorld, arrangeSpecWorld, callerOf, ph, putTechnician, technicianShift, type Caller } from './shifts-world.ts';

/** The spec's POST /shifts request, verbatim. */
const specRequest = {
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
  metadata: {
    technical_rider: 'https://s3.planninghub-spectacle.fr/riders/jazz-juan-2024-sound.pdf',
    stage_plot: 'https://s3.planninghub-spectacle.fr/plans/jazz-juan-2024-stage.svg',
    cable_plan: 'https://s3.planninghub-spectacle.fr/plans/jazz-juan-2024-cable.pdf',
  },
};

const SHIFT_ID = /^shift_[0-9a-f]{16}$/;

/**
 * What the engine computes for the spec's shift with the spec's contract (45/h, night 1.5), by hand:
 * worked 18:00-22:30 and 23:00-02:00 = 7.5 h x 45 = 337.50; night 00:00-02:00 = 2 h x 45 x 0.5 =
 * 45.00; the 18:00-21:00 meal window is covered: 20; transport 50; eq_101 1 day x 500 + eq_102
 * 2 x 1 day x 40 = 580. Total 1032.50. Thursday to Friday: no weekend; recorded after its call
 * time: no emergency; 2 h earlier that week: no overtime.
 */
const specComputed = {
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
};

const specEconomicValue = {
  total_amount: 1200,
  budget_line: 'sound',
  currency: 'EUR',
  breakdown: { labor_cost: 405, equipment_cost: 500, meal_allowance: 20, transport_cost: 50, overtime_cost: 225 },
  source: 'client',
  base_rate: 45,
  equipment_rate: 500,
  computed: specComputed,
};

const maintenanceDue = {
  code: 'MAINTENANCE_DUE',
  // 55 days from 2024-02-15 to 2024-04-10 (the spec prints 45; docs/equipment.md).
  message: 'Cet équipement nécessite une maintenance dans 55 jours (next_maintenance_date: 2024-04-10).',
  severity: 'low',
  equipment_id: 'eq_101',
};

async function create(caller: Caller, body: unknown) {
  const response = await ph('POST', '/v1/shifts', caller, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number; status: string };
}

/** Every allocation item of a resource, as the table holds it. */
async function allocationsOf(organizationId: string, type: string, id: string) {
  const { client, tableName } = tableClient();
  const where = keys.resourceAllocationsStartingBetween(organizationId, type, id, '0000', '9999');
  const { Items = [] } = await client.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': where.pk, ':from': where.skFrom, ':to': where.skTo }, ConsistentRead: true }),
  );
  return Items.map((item) => ({ ownerId: item.ownerId, startAt: item.startAt, endAt: item.endAt, quantity: item.quantity }));
}

describe("the spec's shift, replayed", () => {
  let timeWorldPromise: ReturnType<typeof arrangeSpecWorld> | undefined;
  const timeWorld = () => (timeWorldPromise ??= arrangeSpecWorld());

  it('creates it as the spec shows (201, OVERLAP_WARNING with 12 h of rest), then GET shows its resources, costs and sheets', async () => {
    // prepare: Jean-Michel's other shifts that day (16h-18h) and the next afternoon (rest 02:00 -> 14:00 = 12 h)
    const world = await arrangeSpecWorld();
    const before = await create(world.planner, technicianShift('event_456', 'user_456', '2024-02-15T16:00:00+01:00', '2024-02-15T18:00:00+01:00'));
    const after = await create(world.planner, technicianShift('event_456', 'user_456', '2024-02-16T14:00:00+01:00', '2024-02-16T18:00:00+01:00'));
    // act
    const created = await ph('POST', '/v1/shifts', world.planner, specRequest);
    // assess
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(SHIFT_ID);
    expect(created.headers.get('location')).toBe(`/v1/shifts/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toEqual({
      id: created.body.id,
      status: 'confirmed',
      conflicts: [],
      warnings: [
        {
          code: 'OVERLAP_WARNING',
          message: 'Le technicien user_456 a un autre shift à 16h-18h le même jour (temps de repos respecté: 12h).',
          severity: 'low',
          technician_id: 'user_456',
        },
        maintenanceDue,
      ],
      economic_value: specEconomicValue,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      version: 1,
    });

    const got = await ph('GET', `/v1/shifts/${created.body.id}`, world.jeanMichel);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      id: created.body.id,
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
      metadata: { ...specRequest.metadata, checklist: [] },
      conflicts: [],
      // The caller is a planner on no QR link of their own; the 2024 links have expired.
      qrcode: null,
      qrcodes: [],
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
      created_at: created.body.created_at,
      updated_at: created.body.created_at,
      cancelled_at: null,
    });
    // Held over [call_time, end_time), owned by the shift, with the worked time the next labour checks read.
    expect(await allocationsOf(world.organizationId, 'equipment', 'eq_102')).toEqual([
      { ownerId: created.body.id, startAt: '2024-02-15T17:00:00.000Z', endAt: '2024-02-16T01:00:00.000Z', quantity: 2 },
    ]);
    expect((await allocationsOf(world.organizationId, 'technician', 'user_456')).map((allocation) => allocation.ownerId)).toEqual([before.id, created.body.id, after.id]);

    // GET /v1/users/me lists Jean-Michel's shifts on event_456, by start.
    const me = await ph('GET', '/v1/users/me', world.jeanMichel);
    expect(me.body.current_events).toEqual([
      { id: 'event_456', name: 'Festival Jazz a Juan 2024', role: 'head_sound_engineer', shifts: [before.id, created.body.id, after.id] },
    ]);
    // The event's budget shows what the shifts consume: 1200 on sound; the two others (computed:
    // 2 h x 45 + 50 transport = 140, 4 h x 45 + 50 = 230) on the default labor line.
    const event = await ph('GET', '/v1/events/event_456', world.planner);
    expect(event.body.budget).toEqual({
      total: 150000,
      breakdown: { sound: 50000, lighting: 40000, video: 20000, labor: 30000, transport: 10000 },
      consumed: { sound: 1200, lighting: 0, video: 0, labor: 370, transport: 0 },
    });
  });

  it('refuses an economic_value whose total is not the sum of its breakdown (400 naming economic_value.total_amount), writing nothing', async () => {
    // prepare
    const world = await arrangeSpecWorld();
    // act
    const response = await ph('POST', '/v1/shifts', world.planner, { ...specRequest, economic_value: { ...specRequest.economic_value, total_amount: 1250 } });
    // assess
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'total_amount (1250) diffère de la somme du breakdown (1200)',
      details: [{ field: 'economic_value.total_amount', message: 'total_amount (1250) differs from the sum of the breakdown (1200)', total_amount: 1250, breakdown_sum: 1200, difference: 50 }],
    });
    expect(await allocationsOf(world.organizationId, 'equipment', 'eq_101')).toEqual([]);
  });

  it.each([
    ['end_time before start_time', { end_time: '2024-02-15T19:00:00+01:00' }, 'end_time'],
    ['call_time after start_time', { call_time: '2024-02-15T20:30:00+01:00' }, 'call_time'],
    ['a malformed start_time', { start_time: '15/02/2024 20:00' }, 'start_time'],
    ['a break outside the shift', { break_times: [{ start: '2024-02-16T01:30:00+01:00', end: '2024-02-16T02:30:00+01:00', mandatory: true }] }, 'break_times.0.end'],
    ['a shift over 24 h', { end_time: '2024-02-16T18:00:01+01:00' }, 'end_time'],
  ])('refuses %s with 400 INVALID_TIME_RANGE naming the field', async (_, change, field) => {
    const world = await timeWorld();
    const response = await ph('POST', '/v1/shifts', world.planner, { ...specRequest, ...change });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_TIME_RANGE');
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
  });
});

describe('conflicts', () => {
  /** Jean-Michel already holds 21:00-23:00 (shift_101 in the spec's webhook); four colleagues could replace him. */
  async function conflictWorld() {
    const world = await arrangeSpecWorld(5);
    const [best, good, uncertified, busy, monitorOnly] = world.others.map((member) => member.userId) as [string, string, string, string, string];
    const certified = [{ name: 'DiGiCo Certified', expiry_date: '2030-12-31' }];
    await putTechnician(world.planner, best, [{ name: 'foh_engineer', level: 5, certifications: certified }, { name: 'system_tech', level: 5 }]);
    await putTechnician(world.planner, good, [{ name: 'foh_engineer', level: 5, certifications: certified }, { name: 'system_tech', level: 4 }]);
    await putTechnician(world.planner, uncertified, [{ name: 'foh_engineer', level: 5 }, { name: 'system_tech', level: 5 }]);
    await putTechnician(world.planner, busy, [{ name: 'foh_engineer', level: 5, certifications: certified }, { name: 'system_tech', level: 5 }]);
    await putTechnician(world.planner, monitorOnly, [{ name: 'monitor_engineer', level: 5, certifications: certified }]);
    await create(world.planner, technicianShift('event_456', busy, '2024-02-15T19:00:00+01:00', '2024-02-15T21:00:00+01:00'));
    const holding = await create(world.planner, technicianShift('event_456', 'user_456', '2024-02-15T21:00:00+01:00', '2024-02-15T23:00:00+01:00'));
    return { world, best, good, holding };
  }

  it('answers 409 RESOURCE_CONFLICT with conflict_with and suggested_actions, and writes nothing', async () => {
    // prepare
    const { world, best, good, holding } = await conflictWorld();
    // act
    const response = await ph('POST', '/v1/shifts', world.planner, specRequest);
    // assess
    expect(response.status).toBe(409);
    expect(response.body.error).toEqual({
      code: 'RESOURCE_CONFLICT',
      message: `Conflit de ressource : Technicien user_456 déjà pris par ${holding.id} (2024-02-15T21:00:00+01:00 - 2024-02-15T23:00:00+01:00)`,
      details: {
        // The id the shift would have had (its shift.conflict.detected event names it too).
        shift_id: expect.stringMatching(/^shift_[0-9a-f]{16}$/),
        conflict_with: [
          { shift_id: holding.id, resource_id: 'user_456', resource_type: 'technician', severity: 'high', overlap: '2024-02-15T21:00:00+01:00 - 2024-02-15T23:00:00+01:00', event_id: 'event_456' },
        ],
        suggested_actions: [
          // Held from call time: 23:00 at the earliest, so the start two hours later.
          { action: `reschedule_${response.body.error.details.shift_id}`, new_start_time: '2024-02-16T01:00:00+01:00' },
          // Ranked by skills_match (levels 5+5 = 1, 5+4 = 0.9); the uncertified one cannot run eq_101, the busy one is busy.
          { action: 'assign_alternative_technician', technician_id: best, skills_match: 1, replaces: 'user_456' },
          { action: 'assign_alternative_technician', technician_id: good, skills_match: 0.9, replaces: 'user_456' },
        ],
      },
    });
    expect(await allocationsOf(world.organizationId, 'equipment', 'eq_101')).toEqual([]);
    const listed = await ph('GET', '/v1/shifts?event_id=event_456', world.planner);
    expect(listed.body.results.map((shift: { id: string }) => shift.id)).toContain(holding.id);
    expect(listed.body.count).toBe(2);
  });

  it('with conflict_policy flag, creates the shift pending, holding only its free resources, then a PATCH resolves it', async () => {
    // prepare
    const { world, best, holding } = await conflictWorld();
    // act
    const response = await ph('POST', '/v1/shifts', world.planner, { ...specRequest, conflict_policy: 'flag' });
    // assess
    expect(response.status).toBe(201);
    const id = response.body.id;
    expect(response.body).toMatchObject({
      id,
      status: 'pending',
      conflicts: [{ shift_id: holding.id, resource_id: 'user_456', resource_type: 'technician', severity: 'high', overlap: '2024-02-15T21:00:00+01:00 - 2024-02-15T23:00:00+01:00', event_id: 'event_456' }],
      warnings: [maintenanceDue],
      version: 1,
    });
    expect(response.body.suggested_actions[0]).toEqual({ action: `reschedule_${id}`, new_start_time: '2024-02-16T01:00:00+01:00' });
    const pending = await ph('GET', `/v1/shifts/${id}`, world.planner);
    expect(pending.body.resources.map((resource: { id: string; status: string }) => [resource.id, resource.status])).toEqual([
      ['user_456', 'conflict'],
      ['eq_101', 'booked'],
      ['eq_102', 'booked'],
    ]);
    expect(await allocationsOf(world.organizationId, 'equipment', 'eq_101')).toEqual([{ ownerId: id, startAt: '2024-02-15T17:00:00.000Z', endAt: '2024-02-16T01:00:00.000Z', quantity: 1 }]);
    expect((await allocationsOf(world.organizationId, 'technician', 'user_456')).map((allocation) => allocation.ownerId)).toEqual([holding.id]);

    // act: the stage manager takes the suggested colleague instead
    const resolved = await ph('PATCH', `/v1/shifts/${id}`, world.planner, {
      version: 1,
      resources: [{ id: best, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer', 'system_tech'] }, specRequest.resources[1], specRequest.resources[2]],
    });
    // assess
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'confirmed', conflicts: [], version: 2 });
    expect(resolved.body.suggested_actions).toBeUndefined();
    expect(resolved.body.resources.map((resource: { id: string; status: string }) => [resource.id, resource.status])).toEqual([
      [best, 'confirmed'],
      ['eq_101', 'booked'],
      ['eq_102', 'booked'],
    ]);
    expect(await allocationsOf(world.organizationId, 'technician', best)).toEqual([{ ownerId: id, startAt: '2024-02-15T17:00:00.000Z', endAt: '2024-02-16T01:00:00.000Z', quantity: 1 }]);
    expect(await allocationsOf(world.organizationId, 'equipment', 'eq_101')).toEqual([{ ownerId: id, startAt: '2024-02-15T17:00:00.000Z', endAt: '2024-02-16T01:00:00.000Z', quantity: 1 }]);
  });

  it('refuses a technician without a required skill, or without the certification an item requires (422 SKILL_MISMATCH)', async () => {
    // prepare
    const world = await arrangeSpecWorld(1);
    const newcomer = world.others[0]!.userId;
    await putTechnician(world.planner, newcomer, [{ name: 'foh_engineer', level: 3 }]);
    // act
    const missingSkill = await ph('POST', '/v1/shifts', world.planner, {
      ...specRequest,
      resources: [{ id: 'user_456', type: 'technician', role: 'pyro', required_skills: ['pyro_operator', 'foh_engineer'] }],
    });
    const uncertified = await ph('POST', '/v1/shifts', world.planner, {
      ...specRequest,
      resources: [{ id: newcomer, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] }, specRequest.resources[1]],
    });
    // assess
    expect(missingSkill.status).toBe(422);
    expect(missingSkill.body.error).toEqual({
      code: 'SKILL_MISMATCH',
      message: "Technicien non qualifié pour l'équipement ou le rôle (user_456: pyro_operator)",
      details: [{ reason: 'missing_skills', technician_id: 'user_456', role: 'pyro', required_skills: ['pyro_operator', 'foh_engineer'], missing_skills: ['pyro_operator'] }],
    });
    expect(uncertified.status).toBe(422);
    expect(uncertified.body.error.details).toEqual([
      { reason: 'missing_certifications', equipment_id: 'eq_101', required_certifications: ['DiGiCo Certified'], missing_certifications: ['DiGiCo Certified'], technician_ids: [newcomer] },
    ]);
  });

  it('answers 404 for a technician who is not a member, and for unknown equipment', async () => {
    const world = await arrangeSpecWorld();
    const stranger = await ph('POST', '/v1/shifts', world.planner, { ...specRequest, resources: [{ id: 'user_999', type: 'technician', role: 'foh_engineer' }] });
    expect([stranger.status, stranger.body.error.code, stranger.body.error.details]).toEqual([404, 'NOT_FOUND', { resource_type: 'technician', resource_id: 'user_999' }]);
    const unknown = await ph('POST', '/v1/shifts', world.planner, { ...specRequest, resources: [{ id: 'eq_nope', type: 'equipment' }] });
    expect([unknown.status, unknown.body.error.details]).toEqual([404, { resource_type: 'equipment', resource_id: 'eq_nope' }]);
    const twiceBody = { ...specRequest, resources: [specRequest.resources[1], specRequest.resources[1]] };
    const twice = await ph('POST', '/v1/shifts', world.planner, twiceBody, { 'accept-language': 'en' });
    expect([twice.status, twice.body.error.details]).toEqual([400, [{ field: 'resources.1.id', message: 'Resource listed twice' }]]);
    const twiceFr = await ph('POST', '/v1/shifts', world.planner, twiceBody);
    expect([twiceFr.status, twiceFr.body.error.details]).toEqual([400, [{ field: 'resources.1.id', message: 'Ressource citée deux fois' }]]);
  });
});

describe('PATCH and DELETE /v1/shifts/{id}', () => {
  it('requires the version (428), refuses a stale one (412), honours If-Match, and moves the whole shift with start_time alone', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    const created = await create(
      crew.planner,
      technicianShift(crew.eventId, technician, '2031-03-04T10:00:00+01:00', '2031-03-04T16:00:00+01:00', {
        call_time: '2031-03-04T09:00:00+01:00',
        break_times: [{ start: '2031-03-04T12:00:00+01:00', end: '2031-03-04T12:30:00+01:00', mandatory: true }],
      }),
    );
    const path = `/v1/shifts/${created.id}`;
    // act
    const withoutVersion = await ph('PATCH', path, crew.planner, { title: 'Renamed' });
    const renamed = await ph('PATCH', path, crew.planner, { version: 1, title: 'Renamed' });
    const stale = await ph('PATCH', path, crew.planner, { version: 1, title: 'Lost update' });
    const moved = await ph('PATCH', path, crew.planner, { start_time: '2031-03-05T14:00:00+01:00' }, { 'if-match': '"2"' });
    // assess
    expect([withoutVersion.status, withoutVersion.body.error.code]).toEqual([428, 'PRECONDITION_REQUIRED']);
    expect([renamed.status, renamed.body.title, renamed.body.version, renamed.headers.get('etag')]).toEqual([200, 'Renamed', 2, '"2"']);
    expect(stale.status).toBe(412);
    expect(stale.body.error).toEqual({
      code: 'PRECONDITION_FAILED',
      message: 'Le shift a été modifié entre-temps (version 2, version envoyée 1) ; relisez-le puis recommencez',
      details: { current_version: 2, sent_version: 1 },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      title: 'Renamed',
      version: 3,
      call_time: '2031-03-05T13:00:00+01:00',
      start_time: '2031-03-05T14:00:00+01:00',
      end_time: '2031-03-05T20:00:00+01:00',
      break_times: [{ start: '2031-03-05T16:00:00+01:00', end: '2031-03-05T16:30:00+01:00', mandatory: true }],
    });
    expect(await allocationsOf(crew.organizationId, 'technician', technician)).toEqual([
      { ownerId: created.id, startAt: '2031-03-05T12:00:00.000Z', endAt: '2031-03-05T19:00:00.000Z', quantity: 1 },
    ]);
  });

  it('cancelling frees the resources at once (the same slot books again) and gives the amount back to its budget line', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    const item = await ph('POST', '/v1/equipment', crew.planner, { name: 'Console', category: 'sound', subcategory: 'mixing_console', daily_rate: 300 });
    expect(item.status).toBe(201);
    const body = {
      ...technicianShift(crew.eventId, technician, '2031-03-06T10:00:00+01:00', '2031-03-06T14:00:00+01:00'),
      resources: [{ id: technician, type: 'technician', role: 'foh_engineer' }, { id: item.body.id, type: 'equipment' }],
    };
    const first = await create(crew.planner, body);
    // 4 h x 45 + 50 transport + 300 for the console = 530, on the default labor line.
    expect((await ph('GET', `/v1/events/${crew.eventId}`, crew.planner)).body.budget.consumed).toEqual({ sound: 0, labor: 530 });
    const refused = await ph('POST', '/v1/shifts', crew.planner, body);
    expect(refused.status).toBe(409);
    // act
    const cancelled = await ph('DELETE', `/v1/shifts/${first.id}`, crew.planner);
    const again = await ph('POST', '/v1/shifts', crew.planner, body);
    // assess
    expect([cancelled.status, cancelled.body.status, cancelled.body.version]).toEqual([200, 'cancelled', 2]);
    expect(cancelled.body.resources.map((resource: { status: string }) => resource.status)).toEqual(['cancelled', 'cancelled']);
    expect(again.status).toBe(201);
    expect(await allocationsOf(crew.organizationId, 'equipment', item.body.id)).toEqual([
      { ownerId: again.body.id, startAt: '2031-03-06T09:00:00.000Z', endAt: '2031-03-06T13:00:00.000Z', quantity: 1 },
    ]);
    expect((await ph('GET', `/v1/events/${crew.eventId}`, crew.planner)).body.budget.consumed).toEqual({ sound: 0, labor: 530 });
    const cancelledAgain = await ph('DELETE', `/v1/shifts/${first.id}`, crew.planner);
    expect([cancelledAgain.status, cancelledAgain.body.version]).toEqual([200, 2]);
    const patchCancelled = await ph('PATCH', `/v1/shifts/${first.id}`, crew.planner, { version: 2, title: 'Too late' });
    expect([patchCancelled.status, patchCancelled.body.error.code]).toEqual([409, 'SHIFT_CANCELLED']);
  });
});

describe('GET /v1/shifts', () => {
  it('filters by event, technician, dates, role and status, pages with a cursor, and lets a technician list only their own', async () => {
    // prepare
    const crew = await arrangeCrewWorld(2);
    const [first, second] = crew.members as [(typeof crew.members)[number], (typeof crew.members)[number]];
    const a = await create(crew.planner, technicianShift(crew.eventId, first.userId, '2031-03-03T10:00:00+01:00', '2031-03-03T14:00:00+01:00'));
    const b = await create(crew.planner, technicianShift(crew.eventId, first.userId, '2031-03-04T10:00:00+01:00', '2031-03-04T14:00:00+01:00'));
    const c = await create(crew.planner, {
      ...technicianShift(crew.eventId, second.userId, '2031-03-04T15:00:00+01:00', '2031-03-04T19:00:00+01:00'),
      resources: [{ id: second.userId, type: 'technician', role: 'monitor_engineer' }],
    });
    const d = await create(crew.planner, technicianShift(crew.eventId, first.userId, '2031-03-05T10:00:00+01:00', '2031-03-05T14:00:00+01:00'));
    const ids = (response: { body: { results: { id: string }[] } }) => response.body.results.map((shift) => shift.id);
    // act + assess: pages of two
    const page1 = await ph('GET', `/v1/shifts?event_id=${crew.eventId}&limit=2`, crew.planner);
    expect([page1.status, ids(page1), page1.body.count]).toEqual([200, [a.id, b.id], 2]);
    expect(page1.body.results[0]).toEqual({
      id: a.id,
      title: 'Test shift',
      status: 'confirmed',
      event_id: crew.eventId,
      call_time: '2031-03-03T10:00:00+01:00',
      start_time: '2031-03-03T10:00:00+01:00',
      end_time: '2031-03-03T14:00:00+01:00',
      priority: 'medium',
      resources: [{ id: first.userId, type: 'technician', role: 'foh_engineer', status: 'confirmed' }],
      version: 1,
    });
    const page2 = await ph('GET', `/v1/shifts?event_id=${crew.eventId}&limit=2&cursor=${page1.body.next_cursor}`, crew.planner);
    expect([ids(page2), page2.body.next_cursor]).toEqual([[c.id, d.id], null]);
    // filters
    expect(ids(await ph('GET', `/v1/shifts?technician_id=${first.userId}`, crew.planner))).toEqual([a.id, b.id, d.id]);
    expect(ids(await ph('GET', '/v1/shifts?from=2031-03-04&to=2031-03-04', crew.planner))).toEqual([b.id, c.id]);
    expect(ids(await ph('GET', `/v1/shifts?event_id=${crew.eventId}&role=monitor_engineer`, crew.planner))).toEqual([c.id]);
    // the technician's own shifts, and nobody else's
    expect(ids(await ph('GET', '/v1/shifts?mine=true', callerOf(first)))).toEqual([a.id, b.id, d.id]);
    const paged = await ph('GET', '/v1/shifts?mine=true&limit=1&from=2031-03-04', callerOf(first));
    expect(ids(paged)).toEqual([b.id]);
    expect(ids(await ph('GET', `/v1/shifts?mine=true&limit=1&from=2031-03-04&cursor=${paged.body.next_cursor}`, callerOf(first)))).toEqual([d.id]);
    const refused = await ph('GET', `/v1/shifts?technician_id=${second.userId}`, callerOf(first));
    expect([refused.status, refused.body.error.code]).toEqual([403, 'INSUFFICIENT_ROLE']);
    expect((await ph('GET', `/v1/shifts/${c.id}`, callerOf(first))).status).toBe(403);
    expect((await ph('GET', `/v1/shifts/${a.id}`, callerOf(first))).status).toBe(200);
    // cancelled shifts only when asked for
    await ph('DELETE', `/v1/shifts/${d.id}`, crew.planner);
    expect(ids(await ph('GET', `/v1/shifts?technician_id=${first.userId}`, crew.planner))).toEqual([a.id, b.id]);
    expect(ids(await ph('GET', `/v1/shifts?event_id=${crew.eventId}&status=cancelled`, crew.planner))).toEqual([d.id]);
    // a cursor is checked, never trusted
    const forged = Buffer.from(JSON.stringify(['2031-03-03T09:00:00.000Z', 'shift#x'])).toString('base64url');
    const tampered = await ph('GET', `/v1/shifts?event_id=${crew.eventId}&cursor=${forged}`, crew.planner, undefined, { 'accept-language': 'en' });
    expect([tampered.status, tampered.body.error.details]).toEqual([400, [{ field: 'cursor', message: 'Invalid cursor' }]]);
    const tamperedFr = await ph('GET', `/v1/shifts?event_id=${crew.eventId}&cursor=${forged}`, crew.planner);
    expect([tamperedFr.status, tamperedFr.body.error.details]).toEqual([400, [{ field: 'cursor', message: 'Curseur invalide' }]]);
  });
});
