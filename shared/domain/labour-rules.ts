/**
 * Labour-law checks for one technician's candidate shift (IDCC 2717 defaults, every figure an
 * organisation setting; see docs/labour-rules.md for the sources).
 *
 * Intervals are half-open `[start, end)` in epoch milliseconds. Worked time runs from call time to
 * end minus the unpaid mandatory breaks (`workedIntervals`). The candidate's intervals and the
 * technician's other worked intervals are merged into one timeline (two bookings cannot make the
 * same minute count twice; rejecting overlaps is the booking layer's job), then each rule is
 * measured on every period the candidate touches, and the binding period is reported:
 *
 * - `daily_rest`: in every 24-hour period that starts when a work period starts and overlaps the
 *   candidate, the longest consecutive rest must reach 11 h. This is the Code du travail's "11
 *   consecutive hours per 24 hours": it catches a short night between two days and also a working
 *   day whose amplitude exceeds 13 h, while a split day (16-18 h then 20-02 h) is not a violation.
 *   Rest is elapsed time, so a rest across a daylight-saving change is 1 h shorter or longer.
 * - `daily_max`: actual work per local calendar day; a shift across midnight counts on both days,
 *   and a 23 h or 25 h day keeps its real length (2024-10-27 00:00-10:00 in Paris is 11 h).
 * - `weekly_max`: actual work per ISO week, Monday 00:00 to Sunday 24:00 local.
 * - `weekly_average_12`: the average over every window of 12 consecutive ISO weeks that holds one
 *   of the candidate's weeks (12 windows per week, past and planned hours alike).
 * - `weekly_rest`: each ISO week the candidate touches must touch a rest of at least 35
 *   consecutive hours. A rest straddling Sunday/Monday counts for both weeks it touches: otherwise
 *   the usual Tuesday-to-Saturday pattern (off Sunday and Monday, 64 h of rest) would fail twice.
 *
 * Limits are strict the way the law reads: exactly 11 h 00 of rest passes, 10 h 59 fails; exactly
 * 48 h 00 in the week passes, anything in the 49th hour fails. A check within the near-miss margin
 * of its limit is a warning. Comparisons use exact milliseconds; only the reported hours are
 * rounded to 2 decimals.
 *
 * Data the caller must load (`labourRulesDataRange`): every worked interval of the technician from
 * Monday 00:00 eleven weeks before the candidate's first ISO week to Monday 00:00 eleven weeks after
 * its last ISO week ends (N - 1 weeks on each side for N-week averaging): about 23 weeks. The
 * windows holding the candidate's week reach 11 weeks into the future, so planned shifts count; a
 * caller that loads only the past undercounts those windows. The other rules need far less: 24 h
 * around the candidate (daily rest), its local days and ISO weeks, and 35 h either side of them.
 */
import type { LabourRuleSettings } from './org-settings.ts';
import { addDays, formatWithOffset, localParts, localWeekStart, splitAtLocalMidnights, startOfLocalDay } from './time/zoned.ts';
import type { LocalDate } from './time/zoned.ts';
import { message, type Language } from '../messages/catalogue.ts';

export interface Interval {
  start: number;
  end: number;
}

export interface BreakTime {
  start: number;
  end: number;
  /** Mandatory breaks release the technician and are unpaid; optional ones stay at the employer's disposal. */
  mandatory: boolean;
}

export interface ShiftTiming {
  callTime?: number | null;
  start: number;
  end: number;
  breaks?: readonly BreakTime[];
}

/** Another shift of the same technician; `id` is optional and only echoed back. */
export interface WorkedShift {
  id?: string;
  worked: readonly Interval[];
}

export type LabourRuleId = 'daily_rest' | 'daily_max' | 'weekly_max' | 'weekly_average_12' | 'weekly_rest';
export type RuleStatus = 'ok' | 'warning' | 'violation';
export type Locale = Language;

export interface RuleCheck {
  rule: LabourRuleId;
  /** Hours, 2 decimals. */
  limit: number;
  /** Hours, 2 decimals: rest found, or work counted (a weekly average for `weekly_average_12`). */
  actual: number;
  source: string;
  status: RuleStatus;
  /** The binding period, half-open, RFC 3339 with the local offset. */
  period: { start: string; end: string };
}

export interface LabourWarning {
  code: 'OVERLAP_WARNING' | 'LABOR_LAW_NEAR_LIMIT';
  message: string;
  severity: 'low' | 'medium';
  rule?: LabourRuleId;
  limit?: number;
  actual?: number;
  source?: string;
}

export interface LabourRulesInput {
  technicianId: string;
  /** Worked intervals of the candidate shift. */
  candidate: readonly Interval[];
  /** The technician's other shifts within `labourRulesDataRange`. */
  others: readonly WorkedShift[];
  settings: LabourRuleSettings;
  timeZone: string;
  locale?: Locale;
}

export interface LabourRulesResult {
  /** One entry per rule (the binding period), in a fixed order; empty if the candidate has no worked time. */
  checks: RuleCheck[];
  /** The checks that block the booking (422 LABOR_LAW_VIOLATION). */
  violations: RuleCheck[];
  /** Near misses and the spec's same-day OVERLAP_WARNING. */
  warnings: LabourWarning[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Half-open: `[8, 10)` and `[10, 12)` do not overlap; an empty interval overlaps nothing. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < a.end && b.start < b.end && a.start < b.end && b.start < a.end;
}

/** Sorted, disjoint, non-empty intervals; touching ones are joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((interval) => interval.start < interval.end)
    .map((interval) => ({ start: interval.start, end: interval.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push(interval);
  }
  return merged;
}

/**
 * Worked time of a shift: from call time (or start, whichever is earlier) to end, minus the
 * mandatory breaks, clipped to the shift.
 */
export function workedIntervals(shift: ShiftTiming): Interval[] {
  const from = Math.min(shift.callTime ?? shift.start, shift.start);
  if (!(shift.end > shift.start) || !Number.isFinite(from)) throw new RangeError('A shift must end after it starts');
  const unpaid = mergeIntervals(
    (shift.breaks ?? [])
      .filter((pause) => pause.mandatory)
      .map((pause) => ({ start: Math.max(pause.start, from), end: Math.min(pause.end, shift.end) })),
  );
  const worked: Interval[] = [];
  let cursor = from;
  for (const pause of unpaid) {
    if (pause.start > cursor) worked.push({ start: cursor, end: pause.start });
    cursor = Math.max(cursor, pause.end);
  }
  if (cursor < shift.end) worked.push({ start: cursor, end: shift.end });
  return worked;
}

export function totalDuration(intervals: readonly Interval[]): number {
  return mergeIntervals(intervals).reduce((sum, interval) => sum + interval.end - interval.start, 0);
}

/**
 * The span of the technician's worked intervals the checks read, so the caller can bound its
 * query (see the top of this file).
 */
export function labourRulesDataRange(candidate: readonly Interval[], settings: LabourRuleSettings, timeZone: string): Interval {
  const merged = mergeIntervals(candidate);
  const first = merged[0];
  const last = merged.at(-1);
  if (!first || !last) throw new RangeError('The candidate has no worked time');
  const weeks = candidateWeeks(merged, timeZone);
  const firstMonday = weeks[0]!;
  const lastMonday = weeks.at(-1)!;
  const averageWeeks = settings.weeklyAverage.weeks;
  const weeklyRestMs = settings.weeklyRest.minHours * HOUR_MS;
  return {
    start: Math.min(
      startOfLocalDay(addDays(firstMonday, -7 * (averageWeeks - 1)), timeZone),
      startOfLocalDay(firstMonday, timeZone) - weeklyRestMs,
      first.start - DAY_MS,
    ),
    end: Math.max(
      startOfLocalDay(addDays(lastMonday, 7 * averageWeeks), timeZone),
      startOfLocalDay(addDays(lastMonday, 7), timeZone) + weeklyRestMs,
      last.end + DAY_MS,
    ),
  };
}

interface Measurement {
  rule: LabourRuleId;
  bound: 'min' | 'max';
  actualMs: number;
  limitMs: number;
  source: string;
  period: Interval;
}

export function evaluateLabourRules(input: LabourRulesInput): LabourRulesResult {
  const { settings, timeZone } = input;
  const locale = input.locale ?? 'fr';
  const candidate = mergeIntervals(input.candidate);
  if (candidate.length === 0) return { checks: [], violations: [], warnings: [] };
  const timeline = mergeIntervals([...candidate, ...input.others.flatMap((shift) => shift.worked)]);
  const marginMs = settings.nearMissMarginHours * HOUR_MS;

  const measured = [
    worst(dailyRest(candidate, timeline, settings)),
    worst(dailyMax(candidate, timeline, settings, timeZone)),
    worst(weeklyMax(candidate, timeline, settings, timeZone)),
    worst(weeklyAverage(candidate, timeline, settings, timeZone)),
    worst(weeklyRest(candidate, timeline, settings, timeZone)),
  ];
  const checks = measured.map((measurement): RuleCheck => ({
    rule: measurement.rule,
    limit: hours(measurement.limitMs),
    actual: hours(measurement.actualMs),
    source: measurement.source,
    status: statusOf(measurement, marginMs),
    period: { start: formatWithOffset(measurement.period.start, timeZone), end: formatWithOffset(measurement.period.end, timeZone) },
  }));
  const violations = checks.filter((check) => check.status === 'violation');
  const warnings: LabourWarning[] = checks
    .filter((check) => check.status === 'warning')
    .map((check) => ({
      code: 'LABOR_LAW_NEAR_LIMIT',
      message: ruleCheckMessage(check, locale),
      severity: 'medium',
      rule: check.rule,
      limit: check.limit,
      actual: check.actual,
      source: check.source,
    }));

  const rest = checks[0]!;
  if (rest.status !== 'violation') {
    for (const other of sameDayShifts(candidate, input.others, timeZone)) {
      warnings.push({
        code: 'OVERLAP_WARNING',
        message: sameDayShiftMessage({ technicianId: input.technicianId, other, restHours: rest.actual, timeZone, locale }),
        severity: 'low',
      });
    }
  }
  return { checks, violations, warnings };
}

function dailyRest(candidate: Interval[], timeline: Interval[], settings: LabourRuleSettings): Measurement[] {
  const starts = new Set<number>(candidate.map((interval) => interval.start));
  for (const work of timeline) {
    if (candidate.some((interval) => overlaps({ start: work.start, end: work.start + DAY_MS }, interval))) starts.add(work.start);
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((start) => {
      const period = { start, end: start + DAY_MS };
      const longest = Math.max(0, ...restPeriods(timeline, period).map(length));
      return { rule: 'daily_rest', bound: 'min', actualMs: longest, limitMs: settings.dailyRest.minHours * HOUR_MS, source: settings.dailyRest.source, period };
    });
}

function dailyMax(candidate: Interval[], timeline: Interval[], settings: LabourRuleSettings, timeZone: string): Measurement[] {
  return candidateDates(candidate, timeZone).map((date) => {
    const period = { start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addDays(date, 1), timeZone) };
    return { rule: 'daily_max', bound: 'max', actualMs: workedWithin(timeline, period), limitMs: settings.dailyMax.maxHours * HOUR_MS, source: settings.dailyMax.source, period };
  });
}

function weeklyMax(candidate: Interval[], timeline: Interval[], settings: LabourRuleSettings, timeZone: string): Measurement[] {
  return candidateWeeks(candidate, timeZone).map((monday) => {
    const period = weekPeriod(monday, 1, timeZone);
    return { rule: 'weekly_max', bound: 'max', actualMs: workedWithin(timeline, period), limitMs: settings.weeklyMax.maxHours * HOUR_MS, source: settings.weeklyMax.source, period };
  });
}

function weeklyAverage(candidate: Interval[], timeline: Interval[], settings: LabourRuleSettings, timeZone: string): Measurement[] {
  const { weeks, maxHours, source } = settings.weeklyAverage;
  const windowStarts = new Set<LocalDate>();
  for (const monday of candidateWeeks(candidate, timeZone)) {
    for (let back = weeks - 1; back >= 0; back -= 1) windowStarts.add(addDays(monday, -7 * back));
  }
  return [...windowStarts].sort().map((monday) => {
    const period = weekPeriod(monday, weeks, timeZone);
    return { rule: 'weekly_average_12', bound: 'max', actualMs: workedWithin(timeline, period) / weeks, limitMs: maxHours * HOUR_MS, source, period };
  });
}

function weeklyRest(candidate: Interval[], timeline: Interval[], settings: LabourRuleSettings, timeZone: string): Measurement[] {
  const minimumMs = settings.weeklyRest.minHours * HOUR_MS;
  return candidateWeeks(candidate, timeZone).map((monday) => {
    const period = weekPeriod(monday, 1, timeZone);
    // Clipping rests to the week +/- the minimum keeps every verdict and bounds the reported hours.
    const around = { start: period.start - minimumMs, end: period.end + minimumMs };
    const touching = restPeriods(timeline, around).filter((rest) => overlaps(rest, period));
    const longest = Math.max(0, ...touching.map(length));
    return { rule: 'weekly_rest', bound: 'min', actualMs: longest, limitMs: minimumMs, source: settings.weeklyRest.source, period };
  });
}

/** The binding measurement: least rest, most work; the earliest on a tie. */
function worst(measurements: Measurement[]): Measurement {
  return measurements.reduce((binding, next) =>
    (next.bound === 'min' ? next.actualMs < binding.actualMs : next.actualMs > binding.actualMs) ? next : binding,
  );
}

function statusOf(measurement: Measurement, marginMs: number): RuleStatus {
  const { actualMs, limitMs } = measurement;
  if (measurement.bound === 'max') return actualMs > limitMs ? 'violation' : actualMs > limitMs - marginMs ? 'warning' : 'ok';
  return actualMs < limitMs ? 'violation' : actualMs < limitMs + marginMs ? 'warning' : 'ok';
}

function restPeriods(timeline: readonly Interval[], range: Interval): Interval[] {
  const rests: Interval[] = [];
  let cursor = range.start;
  for (const work of timeline) {
    if (work.end <= range.start) continue;
    if (work.start >= range.end) break;
    if (work.start > cursor) rests.push({ start: cursor, end: work.start });
    cursor = Math.max(cursor, work.end);
  }
  if (cursor < range.end) rests.push({ start: cursor, end: range.end });
  return rests;
}

function workedWithin(timeline: readonly Interval[], range: Interval): number {
  let total = 0;
  for (const work of timeline) total += Math.max(0, Math.min(work.end, range.end) - Math.max(work.start, range.start));
  return total;
}

function candidateDates(candidate: readonly Interval[], timeZone: string): LocalDate[] {
  const dates = new Set<LocalDate>();
  for (const interval of candidate) {
    for (const piece of splitAtLocalMidnights(interval.start, interval.end, timeZone)) dates.add(piece.date);
  }
  return [...dates].sort();
}

function candidateWeeks(candidate: readonly Interval[], timeZone: string): LocalDate[] {
  const mondays = new Set<LocalDate>();
  for (const date of candidateDates(candidate, timeZone)) mondays.add(localWeekStart(startOfLocalDay(date, timeZone), timeZone));
  return [...mondays].sort();
}

function weekPeriod(monday: LocalDate, weeks: number, timeZone: string): Interval {
  return { start: startOfLocalDay(monday, timeZone), end: startOfLocalDay(addDays(monday, 7 * weeks), timeZone) };
}

/**
 * Other shifts belonging to the candidate's day: a shift belongs to the local date its work starts
 * on (a 20:00-02:00 show is that evening's). Overlapping ones are left to the booking layer (409).
 */
function sameDayShifts(candidate: Interval[], others: readonly WorkedShift[], timeZone: string): Interval[] {
  const candidateSpan = { start: candidate[0]!.start, end: candidate.at(-1)!.end };
  const day = localParts(candidateSpan.start, timeZone).date;
  const spans: Interval[] = [];
  for (const other of others) {
    const worked = mergeIntervals(other.worked);
    if (worked.length === 0) continue;
    const span = { start: worked[0]!.start, end: worked.at(-1)!.end };
    if (localParts(span.start, timeZone).date === day && !overlaps(span, candidateSpan)) spans.push(span);
  }
  return spans.sort((a, b) => a.start - b.start);
}

const length = (interval: Interval) => interval.end - interval.start;
const hours = (ms: number) => Math.round(ms / 36_000) / 100;

/** `12h`, `11h30`: the seed's way of writing durations and clock hours. */
export function formatHours(hoursValue: number): string {
  const totalMinutes = Math.round(hoursValue * 60);
  const minutes = totalMinutes % 60;
  return `${Math.floor(totalMinutes / 60)}h${minutes === 0 ? '' : String(minutes).padStart(2, '0')}`;
}

function formatClock(instant: number, timeZone: string): string {
  const parts = localParts(instant, timeZone);
  return formatHours(parts.hour + parts.minute / 60);
}

/**
 * The spec's warning, hours in local time:
 * `Le technicien user_456 a un autre shift à 16h-18h le même jour (temps de repos respecté: 12h).`
 */
export function sameDayShiftMessage(params: { technicianId: string; other: Interval; restHours: number; timeZone: string; locale?: Locale }): string {
  const range = `${formatClock(params.other.start, params.timeZone)}-${formatClock(params.other.end, params.timeZone)}`;
  return message('OVERLAP_WARNING', { technicianId: params.technicianId, range, rest: formatHours(params.restHours) })[params.locale ?? 'fr'];
}

const MINIMUM_RULES: ReadonlySet<LabourRuleId> = new Set(['daily_rest', 'weekly_rest']);

/** What the catalogue's rule-check sentence needs, hours formatted. */
export function ruleCheckParams(check: Pick<RuleCheck, 'rule' | 'status' | 'actual' | 'limit' | 'source'>) {
  return {
    rule: check.rule,
    minimum: MINIMUM_RULES.has(check.rule),
    violation: check.status === 'violation',
    actual: formatHours(check.actual),
    limit: formatHours(check.limit),
    source: check.source,
  };
}

/** A one-line explanation of a check for the error or warning message. */
export function ruleCheckMessage(check: RuleCheck, locale: Locale = 'fr'): string {
  return message('LABOR_LAW_NEAR_LIMIT', ruleCheckParams(check))[locale];
}
