import { describe, expect, test } from 'vitest';
import {
  evaluateLabourRules,
  labourRulesDataRange,
  overlaps,
  ruleCheckMessage,
  sameDayShiftMessage,
  totalDuration,
  workedIntervals,
} from '../../shared/domain/labour-rules.ts';
import type { Interval, LabourRulesInput, RuleCheck, WorkedShift } from '../../shared/domain/labour-rules.ts';
import { IDCC_2717_SETTINGS, resolveOrgSettings } from '../../shared/domain/org-settings.ts';

const PARIS = 'Europe/Paris';
const ART_5_1 = 'IDCC 2717 art. 5.1 (KALIARTI000019906657)';
const settings = IDCC_2717_SETTINGS.labour;

const at = (rfc3339: string) => Date.parse(rfc3339);
const span = (start: string, end: string): Interval => ({ start: at(start), end: at(end) });
const iso = (intervals: Interval[]) => intervals.map((interval) => [new Date(interval.start).toISOString(), new Date(interval.end).toISOString()]);
const shifts = (...intervals: Interval[]): WorkedShift[] => intervals.map((interval) => ({ worked: [interval] }));
const check = (checks: RuleCheck[], rule: RuleCheck['rule']) => checks.find((entry) => entry.rule === rule);

function evaluate(candidate: Interval[], others: WorkedShift[], overrides: Partial<LabourRulesInput> = {}) {
  return evaluateLabourRules({ technicianId: 'user_456', candidate, others, settings, timeZone: PARIS, ...overrides });
}

/** Mon-Fri of `weeks` weeks from `firstMonday` (Paris), `hours` a day from 09:00, Friday `fridayHours`. */
function weekdayShifts(firstMonday: string, weeks: number, hours: number, fridayHours: number): WorkedShift[] {
  const result: WorkedShift[] = [];
  for (let week = 0; week < weeks; week += 1) {
    for (let day = 0; day < 5; day += 1) {
      const date = new Date(Date.parse(`${firstMonday}T12:00:00Z`) + (week * 7 + day) * 86_400_000).toISOString().slice(0, 10);
      const start = Date.parse(`${date}T09:00:00${date >= '2024-03-31' && date < '2024-10-27' ? '+02:00' : '+01:00'}`);
      result.push({ worked: [{ start, end: start + (day === 4 ? fridayHours : hours) * 3_600_000 }] });
    }
  }
  return result;
}

describe('intervals', () => {
  test('overlap is half-open and an empty interval overlaps nothing', () => {
    // prepare
    const eight = { start: 8, end: 10 };
    // act / assess
    expect(overlaps(eight, { start: 10, end: 12 })).toBe(false);
    expect(overlaps(eight, { start: 9, end: 12 })).toBe(true);
    expect(overlaps(eight, { start: 8.5, end: 9 })).toBe(true);
    expect(overlaps({ start: 9, end: 9 }, eight)).toBe(false);
  });

  test('worked time of the spec shift runs from call time to end minus the mandatory break', () => {
    // prepare
    const shift = {
      callTime: at('2024-02-15T18:00:00+01:00'),
      start: at('2024-02-15T20:00:00+01:00'),
      end: at('2024-02-16T02:00:00+01:00'),
      breaks: [{ start: at('2024-02-15T22:30:00+01:00'), end: at('2024-02-15T23:00:00+01:00'), mandatory: true }],
    };
    // act
    const worked = workedIntervals(shift);
    // assess
    expect(iso(worked)).toEqual([
      ['2024-02-15T17:00:00.000Z', '2024-02-15T21:30:00.000Z'],
      ['2024-02-15T22:00:00.000Z', '2024-02-16T01:00:00.000Z'],
    ]);
    expect(totalDuration(worked) / 3_600_000).toBe(7.5);
  });

  test('optional breaks stay worked, breaks are clipped to the shift, no call time means start', () => {
    // prepare
    const shift = {
      start: at('2024-02-15T10:00:00Z'),
      end: at('2024-02-15T14:00:00Z'),
      breaks: [
        { start: at('2024-02-15T11:00:00Z'), end: at('2024-02-15T11:15:00Z'), mandatory: false },
        { start: at('2024-02-15T13:30:00Z'), end: at('2024-02-15T15:00:00Z'), mandatory: true },
      ],
    };
    // act
    const worked = workedIntervals(shift);
    // assess
    expect(iso(worked)).toEqual([['2024-02-15T10:00:00.000Z', '2024-02-15T13:30:00.000Z']]);
    expect(() => workedIntervals({ start: shift.end, end: shift.start })).toThrow(RangeError);
  });
});

describe('daily rest', () => {
  const monday = shifts(span('2024-02-12T11:00:00+01:00', '2024-02-12T21:00:00+01:00'));

  test('exactly 11 h 00 between two days passes, with a near-limit warning', () => {
    // prepare
    const candidate = [span('2024-02-13T08:00:00+01:00', '2024-02-13T16:00:00+01:00')];
    // act
    const result = evaluate(candidate, monday);
    // assess
    expect(result.violations).toEqual([]);
    expect(check(result.checks, 'daily_rest')).toEqual({
      rule: 'daily_rest',
      limit: 11,
      actual: 11,
      source: ART_5_1,
      status: 'warning',
      period: { start: '2024-02-12T11:00:00+01:00', end: '2024-02-13T11:00:00+01:00' },
    });
    expect(result.warnings).toEqual([
      {
        code: 'LABOR_LAW_NEAR_LIMIT',
        message: `Repos quotidien proche de la limite: 11h (minimum 11h, ${ART_5_1}).`,
        severity: 'medium',
        rule: 'daily_rest',
        limit: 11,
        actual: 11,
        source: ART_5_1,
      },
    ]);
  });

  test('10 h 59 fails', () => {
    // prepare
    const candidate = [span('2024-02-13T07:59:00+01:00', '2024-02-13T15:59:00+01:00')];
    // act
    const result = evaluate(candidate, monday);
    // assess
    expect(result.violations).toEqual([
      {
        rule: 'daily_rest',
        limit: 11,
        actual: 10.98,
        source: ART_5_1,
        status: 'violation',
        period: { start: '2024-02-12T11:00:00+01:00', end: '2024-02-13T11:00:00+01:00' },
      },
    ]);
    expect(ruleCheckMessage(result.violations[0]!)).toBe(`Repos quotidien insuffisant: 10h59 (minimum 11h, ${ART_5_1}).`);
    expect(ruleCheckMessage(result.violations[0]!, 'en')).toBe(`Daily rest insufficient: 10h59 (minimum 11h, ${ART_5_1}).`);
    expect(result.warnings).toEqual([]);
  });

  test("a split day gives the spec's OVERLAP_WARNING with the rest it found", () => {
    // prepare
    const candidate = workedIntervals({
      callTime: at('2024-02-15T18:00:00+01:00'),
      start: at('2024-02-15T20:00:00+01:00'),
      end: at('2024-02-16T02:00:00+01:00'),
      breaks: [{ start: at('2024-02-15T22:30:00+01:00'), end: at('2024-02-15T23:00:00+01:00'), mandatory: true }],
    });
    const others: WorkedShift[] = [
      { id: 'shift_101', worked: [span('2024-02-15T16:00:00+01:00', '2024-02-15T18:00:00+01:00')] },
      { id: 'shift_102', worked: [span('2024-02-16T14:00:00+01:00', '2024-02-16T20:00:00+01:00')] },
    ];
    // act
    const result = evaluate(candidate, others);
    // assess: longest rest from 16:00 Thursday is 02:00-14:00 Friday
    expect(result.violations).toEqual([]);
    expect(check(result.checks, 'daily_rest')).toMatchObject({ actual: 12, status: 'ok', period: { start: '2024-02-15T16:00:00+01:00', end: '2024-02-16T16:00:00+01:00' } });
    expect(check(result.checks, 'daily_max')).toMatchObject({ actual: 8, status: 'ok', period: { start: '2024-02-16T00:00:00+01:00', end: '2024-02-17T00:00:00+01:00' } });
    expect(check(result.checks, 'weekly_max')).toMatchObject({ actual: 15.5, status: 'ok' });
    expect(result.warnings).toEqual([
      {
        code: 'OVERLAP_WARNING',
        message: 'Le technicien user_456 a un autre shift à 16h-18h le même jour (temps de repos respecté: 12h).',
        severity: 'low',
      },
    ]);
    expect(evaluate(candidate, others, { locale: 'en' }).warnings[0]?.message).toBe(
      'Technician user_456 has another shift at 16h-18h the same day (rest respected: 12h).',
    );
  });

  test('the warning message writes minutes the seed way', () => {
    // prepare
    const other = span('2024-07-01T16:30:00+02:00', '2024-07-01T18:15:00+02:00');
    // act
    const message = sameDayShiftMessage({ technicianId: 'user_9', other, restHours: 11.5, timeZone: PARIS });
    // assess
    expect(message).toBe('Le technicien user_9 a un autre shift à 16h30-18h15 le même jour (temps de repos respecté: 11h30).');
  });

  test('a working day longer than 13 h leaves no 11 h rest in its 24 hours', () => {
    // prepare: 08:00-12:00 and 16:00-22:00, back at 09:00 the next day (11 h after, 10 h inside the 24 h)
    const candidate = [span('2024-02-14T16:00:00+01:00', '2024-02-14T22:00:00+01:00')];
    const others = shifts(span('2024-02-14T08:00:00+01:00', '2024-02-14T12:00:00+01:00'), span('2024-02-15T09:00:00+01:00', '2024-02-15T17:00:00+01:00'));
    // act
    const result = evaluate(candidate, others);
    // assess
    expect(result.violations).toEqual([
      { rule: 'daily_rest', limit: 11, actual: 10, source: ART_5_1, status: 'violation', period: { start: '2024-02-14T08:00:00+01:00', end: '2024-02-15T08:00:00+01:00' } },
    ]);
  });
});

describe('daily maximum', () => {
  test('10 h in a day passes with a warning, 10 h 01 fails', () => {
    // prepare
    const ten = [span('2024-02-14T08:00:00+01:00', '2024-02-14T18:00:00+01:00')];
    const tenAndAMinute = [span('2024-02-14T08:00:00+01:00', '2024-02-14T18:01:00+01:00')];
    // act
    const passing = evaluate(ten, []);
    const failing = evaluate(tenAndAMinute, []);
    // assess
    expect(check(passing.checks, 'daily_max')).toEqual({
      rule: 'daily_max',
      limit: 10,
      actual: 10,
      source: ART_5_1,
      status: 'warning',
      period: { start: '2024-02-14T00:00:00+01:00', end: '2024-02-15T00:00:00+01:00' },
    });
    expect(passing.violations).toEqual([]);
    expect(failing.violations.map((violation) => [violation.rule, violation.actual])).toEqual([['daily_max', 10.02]]);
  });

  test('a night shift splits its hours at local midnight, daylight-saving nights keep their real length', () => {
    // prepare
    const spring = [span('2024-03-30T22:00:00+01:00', '2024-03-31T06:00:00+02:00')];
    const autumn = [span('2024-10-26T22:00:00+02:00', '2024-10-27T06:00:00+01:00')];
    // act
    const springCheck = check(evaluate(spring, []).checks, 'daily_max');
    const autumnCheck = check(evaluate(autumn, []).checks, 'daily_max');
    // assess
    expect(totalDuration(spring) / 3_600_000).toBe(7);
    expect(totalDuration(autumn) / 3_600_000).toBe(9);
    expect(springCheck).toMatchObject({ actual: 5, status: 'ok', period: { start: '2024-03-31T00:00:00+01:00', end: '2024-04-01T00:00:00+02:00' } });
    expect(autumnCheck).toMatchObject({ actual: 7, status: 'ok', period: { start: '2024-10-27T00:00:00+02:00', end: '2024-10-28T00:00:00+01:00' } });
  });

  test('the 25-hour day: 00:00-10:00 on 2024-10-27 is 11 h of work; on 2024-03-31 00:00-11:00 is 10 h', () => {
    // prepare
    const autumn = [span('2024-10-27T00:00:00+02:00', '2024-10-27T10:00:00+01:00')];
    const spring = [span('2024-03-31T00:00:00+01:00', '2024-03-31T11:00:00+02:00')];
    // act
    const autumnResult = evaluate(autumn, []);
    const springResult = evaluate(spring, []);
    // assess
    expect(autumnResult.violations.map((violation) => [violation.rule, violation.actual])).toEqual([['daily_max', 11]]);
    expect(springResult.violations).toEqual([]);
    expect(check(springResult.checks, 'daily_max')).toMatchObject({ actual: 10, status: 'warning' });
  });

  test('an organisation allowing 12 h days (art. 5.5 staff) keeps the source of the rule', () => {
    // prepare
    const custom = resolveOrgSettings({ labour: { dailyMax: { maxHours: 12 } } }).labour;
    const candidate = [span('2024-02-14T07:00:00+01:00', '2024-02-14T18:00:00+01:00')];
    // act
    const result = evaluate(candidate, [], { settings: custom });
    // assess
    expect(check(result.checks, 'daily_max')).toMatchObject({ limit: 12, actual: 11, source: ART_5_1, status: 'ok' });
    expect(result.violations).toEqual([]);
  });
});

describe('weekly maximum and 12-week average', () => {
  const mondayToFriday = shifts(
    span('2024-02-12T08:00:00+01:00', '2024-02-12T16:00:00+01:00'),
    span('2024-02-13T08:00:00+01:00', '2024-02-13T16:00:00+01:00'),
    span('2024-02-14T08:00:00+01:00', '2024-02-14T16:00:00+01:00'),
    span('2024-02-15T08:00:00+01:00', '2024-02-15T16:00:00+01:00'),
    span('2024-02-16T08:00:00+01:00', '2024-02-16T16:00:00+01:00'),
  );

  test('the 48th hour passes, the 49th fails', () => {
    // prepare
    const saturdayEight = [span('2024-02-17T08:00:00+01:00', '2024-02-17T16:00:00+01:00')];
    const saturdayEightAndAHalf = [span('2024-02-17T08:00:00+01:00', '2024-02-17T16:30:00+01:00')];
    // act
    const passing = evaluate(saturdayEight, mondayToFriday);
    const failing = evaluate(saturdayEightAndAHalf, mondayToFriday);
    // assess
    expect(passing.violations).toEqual([]);
    expect(check(passing.checks, 'weekly_max')).toMatchObject({ limit: 48, actual: 48, status: 'warning' });
    expect(failing.violations).toEqual([
      {
        rule: 'weekly_max',
        limit: 48,
        actual: 48.5,
        source: ART_5_1,
        status: 'violation',
        period: { start: '2024-02-12T00:00:00+01:00', end: '2024-02-19T00:00:00+01:00' },
      },
    ]);
  });

  test('twelve weeks of 44 h pass; half an hour more fails (through the spring DST change)', () => {
    // prepare: 11 weeks from 2024-03-18 plus Monday-Thursday of the candidate's week, 9 h a day and 8 h on Fridays
    const history = weekdayShifts('2024-03-18', 12, 9, 8).slice(0, -1);
    const fridayEight = [span('2024-06-07T09:00:00+02:00', '2024-06-07T17:00:00+02:00')];
    const fridayEightAndAHalf = [span('2024-06-07T09:00:00+02:00', '2024-06-07T17:30:00+02:00')];
    // act
    const passing = evaluate(fridayEight, history);
    const failing = evaluate(fridayEightAndAHalf, history);
    // assess: 528 h / 12 = 44; 528.5 h / 12 = 44.04
    expect(passing.violations).toEqual([]);
    expect(check(passing.checks, 'weekly_average_12')).toMatchObject({ limit: 44, actual: 44, status: 'warning' });
    expect(failing.violations).toEqual([
      {
        rule: 'weekly_average_12',
        limit: 44,
        actual: 44.04,
        source: ART_5_1,
        status: 'violation',
        period: { start: '2024-03-18T00:00:00+01:00', end: '2024-06-10T00:00:00+02:00' },
      },
    ]);
  });

  test('planned weeks after the candidate count in the windows that hold them', () => {
    // prepare: the candidate opens a 12-week run of 45 h weeks that is already planned
    const planned = weekdayShifts('2024-06-03', 12, 9, 9).slice(1);
    const monday = [span('2024-06-03T09:00:00+02:00', '2024-06-03T18:00:00+02:00')];
    // act
    const result = evaluate(monday, planned);
    // assess
    expect(result.violations).toEqual([
      {
        rule: 'weekly_average_12',
        limit: 44,
        actual: 45,
        source: ART_5_1,
        status: 'violation',
        period: { start: '2024-06-03T00:00:00+02:00', end: '2024-08-26T00:00:00+02:00' },
      },
    ]);
  });

  test('the data range spans 11 weeks before and 12 weeks after the Monday of the candidate week', () => {
    // prepare
    const candidate = [span('2024-02-15T20:00:00+01:00', '2024-02-16T02:00:00+01:00')];
    // act
    const range = labourRulesDataRange(candidate, settings, PARIS);
    // assess
    expect(range).toEqual({ start: at('2023-11-27T00:00:00+01:00'), end: at('2024-05-06T00:00:00+02:00') });
  });
});

describe('weekly rest', () => {
  const fourHoursFrom10 = (date: string) => span(`${date}T10:00:00+01:00`, `${date}T14:00:00+01:00`);

  test('working every day of the week leaves 20 h rests at most: violation', () => {
    // prepare
    const others = shifts(...['2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16', '2024-02-17', '2024-02-19'].map(fourHoursFrom10));
    // act
    const result = evaluate([fourHoursFrom10('2024-02-18')], others);
    // assess
    expect(result.violations).toEqual([
      {
        rule: 'weekly_rest',
        limit: 35,
        actual: 20,
        source: ART_5_1,
        status: 'violation',
        period: { start: '2024-02-12T00:00:00+01:00', end: '2024-02-19T00:00:00+01:00' },
      },
    ]);
  });

  test('exactly 35 h passes and 34 h 59 fails', () => {
    // prepare: off from Friday 14:00 to Sunday 01:00
    const others = shifts(...['2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16', '2024-02-18', '2024-02-19'].map(fourHoursFrom10));
    const sundayAt1 = [span('2024-02-18T01:00:00+01:00', '2024-02-18T05:00:00+01:00')];
    const sundayAt0059 = [span('2024-02-18T00:59:00+01:00', '2024-02-18T05:00:00+01:00')];
    // act
    const passing = evaluate(sundayAt1, others);
    const failing = evaluate(sundayAt0059, others);
    // assess
    expect(check(passing.checks, 'weekly_rest')).toMatchObject({ limit: 35, actual: 35, status: 'warning' });
    expect(passing.violations).toEqual([]);
    expect(check(failing.checks, 'weekly_rest')).toMatchObject({ actual: 34.98, status: 'violation' });
  });

  test('a Tuesday-to-Saturday week rests Sunday and Monday in one 64 h stretch that counts', () => {
    // prepare
    const nineToFive = (date: string) => span(`${date}T09:00:00+01:00`, `${date}T17:00:00+01:00`);
    const others = shifts(...['2024-02-10', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16', '2024-02-20'].map(nineToFive));
    // act
    const result = evaluate([nineToFive('2024-02-17')], others);
    // assess
    expect(check(result.checks, 'weekly_rest')).toMatchObject({ actual: 64, status: 'ok' });
    expect(result.violations).toEqual([]);
  });

  test('no worked time, nothing to check', () => {
    // act
    const result = evaluate([], shifts(fourHoursFrom10('2024-02-12')));
    // assess
    expect(result).toEqual({ checks: [], violations: [], warnings: [] });
  });
});
