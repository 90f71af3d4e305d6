/**
 * Shift creation's CPU outside I/O (issue 14, "CPU"): the assessment a shift creation runs between
 * its reads and its transaction (qualifications, conflicts, labour rules per local day and week,
 * pay classes split at local midnights, costs), timed in this process with `process.cpuUsage()`
 * on a world as a creation loads it: the spec's shift (a technician and two equipment items, a
 * night across midnight) for a technician who already works 18 other shifts that month. Budget:
 * the median of the batches' per-assessment CPU is at most 2 ms. The zone arithmetic behind most
 * of it is memoised per zone and hour (shared/domain/time/zoned.ts), so the first assessment of a
 * container costs more than the rest: the warm-up pays it, as the warm Lambdas serving most
 * requests do.
 */
import { assessShift, parseShiftTimes, type HeldShift, type ShiftDraft, type ShiftWorld } from '../shared/domain/shift.ts';
import { buildShift } from '../shared/app/shifts/world.ts';
import { createEquipment } from '../shared/domain/equipment.ts';
import { IDCC_2717_SETTINGS } from '../shared/domain/org-settings.ts';
import type { TechnicianProfile } from '../shared/domain/technician.ts';
import type { Event } from '../shared/domain/event.ts';
import { distribution } from './stats.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';

export const SHIFT_CPU_BUDGET_MS = 2;
const WARMUP = 50;
const BATCH = 20;

const at = (rfc3339: string) => Date.parse(rfc3339);
const HOUR = 3_600_000;

const technician: TechnicianProfile = {
  organizationId: 'org_bench',
  userId: 'user_456',
  specializations: [
    {
      category: 'sound',
      skills: [
        { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2030-12-31' }] },
        { name: 'system_tech', level: 4 },
      ],
    },
  ],
  availability: {},
  employmentContract: {
    type: 'freelance',
    hourly_rate: 45,
    overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 },
    meal_allowance: true,
  },
  updatedAt: '2028-01-20T10:00:00.000Z',
};

const created = new Date('2028-01-20T10:00:00Z');
const console_ = createEquipment(
  { name: 'DiGiCo SD5', category: 'sound', subcategory: 'mixing_console', kind: 'unit', lastMaintenanceDate: '2028-01-10', nextMaintenanceDate: '2028-06-10', requiredCertifications: ['DiGiCo Certified'], dailyRate: 500 },
  { id: 'eq_101', organizationId: 'org_bench' },
  created,
);
const boxes = createEquipment(
  { name: 'Stage boxes', category: 'sound', subcategory: 'stage_box', kind: 'bulk', quantityTotal: 4, lastMaintenanceDate: '2028-01-10', nextMaintenanceDate: '2028-07-10', dailyRate: 40 },
  { id: 'eq_102', organizationId: 'org_bench' },
  created,
);
const event = { id: 'event_456', status: 'DRAFT', budget: { total: 150000, breakdown: { sound: 1000, labor: 30000 } }, budgetConsumed: { sound: 500 } } as unknown as Event;

/** 18 evening shifts in February, every weekday but around the 15th, 17:00-23:00 Paris. */
function otherShifts(): HeldShift[] {
  const days = [1, 2, 3, 6, 7, 8, 9, 10, 13, 20, 21, 22, 23, 24, 27, 28, 29, 5];
  return days.map((day) => {
    const start = at(`2028-02-${String(day).padStart(2, '0')}T16:00:00Z`);
    return { id: `shift_${day}`, start, end: start + 6 * HOUR, quantity: 1, ownerType: 'shift', ownerId: `shift_${day}`, eventId: 'event_456', worked: [{ start, end: start + 6 * HOUR }] };
  });
}

const draft: ShiftDraft = {
  title: 'Sonorisation',
  eventId: 'event_456',
  times: parseShiftTimes({
    start_time: '2028-02-15T20:00:00+01:00',
    end_time: '2028-02-16T02:00:00+01:00',
    call_time: '2028-02-15T18:00:00+01:00',
    break_times: [{ start: '2028-02-15T22:30:00+01:00', end: '2028-02-15T23:00:00+01:00', mandatory: true }],
  }),
  resources: [
    { type: 'technician', id: 'user_456', role: 'foh_engineer', requiredSkills: ['foh_engineer', 'system_tech'] },
    { type: 'equipment', id: 'eq_101', role: 'mixing_console', quantity: 1 },
    { type: 'equipment', id: 'eq_102', role: 'stage_box', quantity: 2 },
  ],
  priority: 'high',
  metadata: { technicalRider: null, stagePlot: null, cablePlan: null, checklist: [] },
  conflictPolicy: 'reject',
  economicValue: { baseRate: null, equipmentRate: null, totalAmount: null, budgetLine: 'sound', breakdown: null },
};

const world = (): ShiftWorld => ({
  shiftId: 'shift_new',
  timeZone: 'Europe/Paris',
  settings: IDCC_2717_SETTINGS,
  lang: 'fr',
  scheduledAt: created.getTime(),
  event,
  technicians: new Map([['user_456', { member: true, profile: technician, others: otherShifts() }]]),
  equipment: new Map([
    ['eq_101', { item: console_, allocations: [] }],
    ['eq_102', { item: boxes, allocations: [] }],
  ]),
  forcedConflicts: [],
});

/** What a creation runs between its reads and its transaction (createShift): the judgement, then the shift with its costs. */
function assessOnce(): void {
  const assessment = assessShift(draft, world());
  if (assessment.conflicts.length > 0) throw new Error(`the bench's shift should fit, got ${JSON.stringify(assessment.conflicts)}`);
  buildShift({ shiftId: 'shift_new', draft, assessment, suggestions: [], organizationId: 'org_bench', previous: null, by: 'user_planner', now: created, scheduledAt: created.getTime(), writeToken: 'bench' });
}

export const shiftCpuSuite: BenchSuite = {
  id: 'shift-cpu',
  title: "Shift creation's CPU outside I/O: the assessment of a shift for a technician with 18 other shifts that month",
  async run(context: BenchContext): Promise<SuiteOutcome> {
    const { log } = context;
    for (let i = 0; i < WARMUP; i++) assessOnce();
    const batches = Math.max(15, context.runs);
    const perAssessment: number[] = [];
    for (let batch = 0; batch < batches; batch++) {
      const before = process.cpuUsage();
      for (let i = 0; i < BATCH; i++) assessOnce();
      const used = process.cpuUsage(before);
      perAssessment.push((used.user + used.system) / 1000 / BATCH);
    }
    const cpu = distribution(perAssessment);
    const passed = cpu.median <= SHIFT_CPU_BUDGET_MS;
    log(`${batches} batches of ${BATCH} assessments after ${WARMUP} warm-up: median ${cpu.median.toFixed(2)} ms of CPU per assessment (p25-p75 ${cpu.p25.toFixed(2)}-${cpu.p75.toFixed(2)}), budget ${SHIFT_CPU_BUDGET_MS} ms: ${passed ? 'PASS' : 'FAIL'}`);
    return {
      passed,
      headline: `shift-cpu: ${cpu.median.toFixed(2)} ms of CPU per shift assessment (budget ${SHIFT_CPU_BUDGET_MS} ms)`,
      data: { budgetMs: SHIFT_CPU_BUDGET_MS, batches, batchSize: BATCH, warmup: WARMUP, perAssessmentMs: cpu },
    };
  },
};
