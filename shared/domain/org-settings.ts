/**
 * Organisation settings read by the labour-rules and finance engines. Every figure a rule uses is
 * a setting, so a company under another collective agreement changes data, not code; the defaults
 * are those of IDCC 2717 (entreprises techniques au service de la creation et de l'evenement) and
 * the Code du travail, as listed with their sources in docs/labour-rules.md.
 *
 * These are domain types (camelCase). Only the shapes that mirror the PlanningHub wire format
 * (employment_contract, economic_value) keep the spec's snake_case; they live in finance.ts.
 * Times of day are local wall-clock `HH:MM` in the time zone the engines are given.
 */
import { DEFAULT_TIME_ZONE } from './time/local-date.ts';

export const IDCC_2717_ART_5_1 = 'IDCC 2717 art. 5.1 (KALIARTI000019906657)';
export const IDCC_2717_ART_5_11 = 'IDCC 2717 art. 5.11 (KALIARTI000019906669)';
export const OVERTIME_RATES_SOURCE = 'Code du travail art. L3121-36; IDCC 2717 art. 5.7 (KALIARTI000019906665)';

/** A rule with a lower bound (rest) or an upper bound (work), in hours, and where it comes from. */
export interface MinimumRule {
  minHours: number;
  source: string;
}
export interface MaximumRule {
  maxHours: number;
  source: string;
}

export interface LabourRuleSettings {
  /** Consecutive rest in every 24-hour period that starts when work starts. */
  dailyRest: MinimumRule;
  /** Actual work per local calendar day. */
  dailyMax: MaximumRule;
  /** Actual work per ISO week, Monday 00:00 to Sunday 24:00 local. */
  weeklyMax: MaximumRule;
  /** Average actual work per week over any `weeks` consecutive ISO weeks. */
  weeklyAverage: MaximumRule & { weeks: number };
  /** Consecutive rest touching each ISO week (24 h weekly rest + 11 h daily rest). */
  weeklyRest: MinimumRule;
  /** A check this close to its limit, on the allowed side, is returned as a warning. */
  nearMissMarginHours: number;
}

/** A local time-of-day range; `end` at or before `start` crosses midnight (`21:00`-`06:00`). */
export interface LocalTimeWindow {
  start: string;
  end: string;
}

export interface OvertimeTier {
  /** The tier applies to the week's hours beyond this many hours. */
  afterHours: number;
  multiplier: number;
}

/**
 * `stack`: a minute in several classes is paid the product of their multipliers.
 * `highest`: it is paid the highest one. Either way the legal floors hold (see finance.ts).
 */
export type PremiumCombination = 'stack' | 'highest';

export interface PaySettings {
  currency: string;
  nightWindow: LocalTimeWindow & { source: string };
  /** ISO weekdays (1 = Monday ... 7 = Sunday) paid the contract's weekend bonus. */
  weekendDays: number[];
  premiumCombination: PremiumCombination;
  /** Minimum night multiplier whatever the contract says (+25%). */
  nightFloorMultiplier: number;
  /** Weekly overtime past the legal week, in rising `afterHours` order; also the legal floor. */
  overtimeTiers: OvertimeTier[];
  overtimeSource: string;
  /** A shift scheduled (created or moved) less than this long before its call time is an emergency call. */
  emergencyNoticeHours: number;
  /**
   * One allowance per shift, when the contract grants meals and the shift's presence (call time
   * to end) covers a whole meal window, or its paid hours reach `minPaidHours` (null: never).
   */
  mealAllowance: { amount: number; windows: LocalTimeWindow[]; minPaidHours: number | null };
  /** Flat transport amount per technician per shift; 0 turns it off. */
  transportFlatAmount: number;
}

export interface OrgSettings {
  /** Used when the event's venue has no zone of its own. */
  timeZone: string;
  labour: LabourRuleSettings;
  pay: PaySettings;
}

export const IDCC_2717_SETTINGS: OrgSettings = {
  timeZone: DEFAULT_TIME_ZONE,
  labour: {
    dailyRest: { minHours: 11, source: IDCC_2717_ART_5_1 },
    dailyMax: { maxHours: 10, source: IDCC_2717_ART_5_1 },
    weeklyMax: { maxHours: 48, source: IDCC_2717_ART_5_1 },
    weeklyAverage: { maxHours: 44, weeks: 12, source: IDCC_2717_ART_5_1 },
    weeklyRest: { minHours: 35, source: IDCC_2717_ART_5_1 },
    nearMissMarginHours: 1,
  },
  pay: {
    currency: 'EUR',
    nightWindow: { start: '00:00', end: '06:00', source: IDCC_2717_ART_5_11 },
    weekendDays: [6, 7],
    // Art. 5.11: the night premium is paid on top of the other premiums.
    premiumCombination: 'stack',
    nightFloorMultiplier: 1.25,
    overtimeTiers: [
      { afterHours: 35, multiplier: 1.25 },
      { afterHours: 43, multiplier: 1.5 },
    ],
    overtimeSource: OVERTIME_RATES_SOURCE,
    // No figure in the convention: a company decision, hence only a default.
    emergencyNoticeHours: 24,
    // No IDCC 2717 figure; windows are the CCNEAC meal times, 6 h the usual "panier" threshold.
    mealAllowance: {
      amount: 20,
      windows: [
        { start: '11:30', end: '14:30' },
        { start: '18:00', end: '21:00' },
      ],
      minPaidHours: 6,
    },
    transportFlatAmount: 50,
  },
};

export type OrgSettingsOverrides = {
  timeZone?: string;
  labour?: { [K in keyof LabourRuleSettings]?: LabourRuleSettings[K] extends object ? Partial<LabourRuleSettings[K]> : LabourRuleSettings[K] };
  pay?: { [K in keyof PaySettings]?: PaySettings[K] extends unknown[] ? PaySettings[K] : PaySettings[K] extends object ? Partial<PaySettings[K]> : PaySettings[K] };
};

/**
 * The defaults with an organisation's stored overrides applied, one rule at a time: overriding
 * `dailyMax.maxHours` keeps the default source. Lists (tiers, windows, weekend days) are replaced whole.
 */
export function resolveOrgSettings(overrides: OrgSettingsOverrides = {}, defaults: OrgSettings = IDCC_2717_SETTINGS): OrgSettings {
  const labour = { ...defaults.labour } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides.labour ?? {})) {
    if (value === undefined) continue;
    const base = labour[key];
    labour[key] = isPlainObject(base) && isPlainObject(value) ? { ...base, ...value } : value;
  }
  const pay = { ...defaults.pay } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides.pay ?? {})) {
    if (value === undefined) continue;
    const base = pay[key];
    pay[key] = isPlainObject(base) && isPlainObject(value) ? { ...base, ...value } : value;
  }
  return {
    timeZone: overrides.timeZone ?? defaults.timeZone,
    labour: labour as unknown as LabourRuleSettings,
    pay: pay as unknown as PaySettings,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Minutes after local midnight of an `HH:MM` setting (`24:00` allowed as an end). */
export function minutesOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`Invalid local time of day: ${time}`);
  }
  return hours * 60 + minutes;
}
