/** Equipment rules: maintenance, certifications, stock quantities, the MAINTENANCE_DUE warning. */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  applyEquipmentPatch,
  assessBooking,
  createEquipment,
  daysBetween,
  maintenanceBlockStart,
  retireEquipment,
  type Equipment,
} from '../../shared/domain/equipment.ts';
import { DomainError } from '../../shared/domain/errors.ts';

const PARIS = 'Europe/Paris';
const at = (iso: string) => Date.parse(iso);

/** The spec's eq_101. */
const sd5: Equipment = createEquipment(
  {
    name: 'DiGiCo SD5',
    category: 'sound',
    subcategory: 'mixing_console',
    kind: 'unit',
    specifications: { inputs: 128, outputs: 64, compatibility: ['Dante', 'MADI'] },
    lastMaintenanceDate: '2024-01-10',
    nextMaintenanceDate: '2024-04-10',
    requiredCertifications: ['DiGiCo Certified'],
  },
  { id: 'eq_101', organizationId: 'org_123' },
  new Date('2024-01-20T10:00:00Z'),
);

const jeanMichel = {
  id: 'user_456',
  profile: { specializations: [{ category: 'sound' as const, skills: [{ name: 'foh_engineer' as const, level: 5, certifications: [{ name: 'digico certified', expiry_date: '2025-12-31' }] }] }] },
};

const specInterval = { start: at('2024-02-15T20:00:00+01:00'), end: at('2024-02-16T02:00:00+01:00') };

function caught(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('calendar helpers', () => {
  it('adds months with the day clamped to the month', () => {
    expect(addMonths('2024-01-10', 3)).toBe('2024-04-10');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
  });

  it('counts calendar days', () => {
    expect(daysBetween('2024-02-15', '2024-04-10')).toBe(55);
    expect(daysBetween('2024-02-25', '2024-04-10')).toBe(45);
    expect(daysBetween('2024-04-10', '2024-04-09')).toBe(-1);
  });
});

describe('assessBooking', () => {
  it("accepts the spec's booking with the MAINTENANCE_DUE warning, counted from the booking's start date", () => {
    expect(assessBooking(sd5, { interval: specInterval, quantity: 1 }, { timeZone: PARIS, lang: 'fr', technician: jeanMichel })).toEqual([
      { code: 'MAINTENANCE_DUE', message: 'Cet équipement nécessite une maintenance dans 55 jours (next_maintenance_date: 2024-04-10).', severity: 'low' },
    ]);
    expect(assessBooking(sd5, { interval: specInterval, quantity: 1 }, { timeZone: PARIS, lang: 'en' })[0]!.message).toBe(
      'This equipment needs maintenance in 55 days (next_maintenance_date: 2024-04-10).',
    );
  });

  it('warns only within 60 days of the next maintenance', () => {
    const far = { ...sd5, lastMaintenanceDate: '2024-01-10', nextMaintenanceDate: '2024-04-16' };
    const interval = { start: at('2024-02-15T10:00:00+01:00'), end: at('2024-02-15T12:00:00+01:00') };
    expect(assessBooking(far, { interval, quantity: 1 }, { timeZone: PARIS, lang: 'fr' })).toEqual([]);
  });

  it('answers MAINTENANCE_OVERDUE once the start is more than 3 months after the last maintenance, by local dates', () => {
    const item = { ...sd5, nextMaintenanceDate: null };
    // 2024-04-10 23:30 in Paris is still the last usable day; 00:30 the next day is not, though both are 2024-04-10 in UTC.
    const lastEvening = { start: at('2024-04-10T23:30:00+02:00'), end: at('2024-04-11T01:00:00+02:00') };
    const nextNight = { start: at('2024-04-11T00:30:00+02:00'), end: at('2024-04-11T01:00:00+02:00') };
    expect(assessBooking(item, { interval: lastEvening, quantity: 1 }, { timeZone: PARIS, lang: 'fr' })).toEqual([]);
    const error = caught(() => assessBooking(item, { interval: nextNight, quantity: 1 }, { timeZone: PARIS, lang: 'fr' }));
    expect(error.kind).toBe('unprocessable');
    expect(error.code).toBe('MAINTENANCE_OVERDUE');
    expect(error.details).toEqual({
      equipment_id: 'eq_101',
      reason: 'last_maintenance_too_old',
      last_maintenance_date: '2024-01-10',
      next_maintenance_date: null,
      usable_until: '2024-04-10',
    });
  });

  it('answers MAINTENANCE_OVERDUE when the booking reaches the next maintenance date, or after it', () => {
    const reaching = { start: at('2024-04-09T20:00:00+02:00'), end: at('2024-04-10T00:00:01+02:00') };
    const after = { start: at('2024-04-12T20:00:00+02:00'), end: at('2024-04-12T22:00:00+02:00') };
    const item = { ...sd5, lastMaintenanceDate: '2024-03-01' };
    expect(caught(() => assessBooking(item, { interval: reaching, quantity: 1 }, { timeZone: PARIS, lang: 'fr' })).details).toMatchObject({ reason: 'next_maintenance_during_booking' });
    expect(caught(() => assessBooking(item, { interval: after, quantity: 1 }, { timeZone: PARIS, lang: 'fr' })).code).toBe('MAINTENANCE_OVERDUE');
  });

  it('answers SKILL_MISMATCH when a certification is missing or expires before the booking ends (local date)', () => {
    const nightOfNewYear = { start: at('2025-12-31T20:00:00+01:00'), end: at('2026-01-01T02:00:00+01:00') };
    const item = { ...sd5, lastMaintenanceDate: null, nextMaintenanceDate: null };
    const expired = caught(() => assessBooking(item, { interval: nightOfNewYear, quantity: 1 }, { timeZone: PARIS, lang: 'fr', technician: jeanMichel }));
    const missing = caught(() => assessBooking(item, { interval: specInterval, quantity: 1 }, { timeZone: PARIS, lang: 'en', technician: { id: 'user_admin', profile: null } }));
    expect(expired.code).toBe('SKILL_MISMATCH');
    expect(expired.details).toMatchObject({ missing_certifications: [], expired_certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] });
    expect(missing.details).toMatchObject({ technician_id: 'user_admin', missing_certifications: ['DiGiCo Certified'] });
    expect(missing.localised).toEqual({ fr: 'Technicien non certifié pour cet équipement (DiGiCo Certified)', en: 'The technician is not certified for this equipment (DiGiCo Certified)' });
  });

  it('refuses a retired item, a unit by quantity, and more than a stock holds', () => {
    const boxes = createEquipment({ name: 'Stage box', category: 'sound', subcategory: 'stage_box', kind: 'bulk', quantityTotal: 40 }, { id: 'eq_102', organizationId: 'org_123' }, new Date());
    const interval = { start: at('2024-02-15T10:00:00Z'), end: at('2024-02-15T12:00:00Z') };
    expect(caught(() => assessBooking(retireEquipment(boxes, new Date()), { interval, quantity: 1 }, { timeZone: PARIS, lang: 'fr' })).code).toBe('EQUIPMENT_RETIRED');
    expect(caught(() => assessBooking({ ...sd5, nextMaintenanceDate: null }, { interval, quantity: 2 }, { timeZone: PARIS, lang: 'fr' })).details).toEqual([
      { field: 'quantity', message: 'A unit is booked with quantity = 1' },
    ]);
    expect(assessBooking(boxes, { interval, quantity: 40 }, { timeZone: PARIS, lang: 'fr' })).toEqual([]);
    expect(caught(() => assessBooking(boxes, { interval, quantity: 41 }, { timeZone: PARIS, lang: 'fr' })).code).toBe('VALIDATION_ERROR');
    // While a smaller stock is being checked, bookings keep within it.
    expect(caught(() => assessBooking({ ...boxes, pendingQuantityTotal: 30 }, { interval, quantity: 31 }, { timeZone: PARIS, lang: 'fr' })).code).toBe('VALIDATION_ERROR');
  });
});

describe('the catalogue rules', () => {
  it('blocks from the earlier of the next maintenance date and the day after last + 3 months, at local midnight', () => {
    expect(maintenanceBlockStart(sd5, PARIS)).toBe(at('2024-04-10T00:00:00+02:00'));
    expect(maintenanceBlockStart({ lastMaintenanceDate: '2024-01-10', nextMaintenanceDate: null }, PARIS)).toBe(at('2024-04-11T00:00:00+02:00'));
    expect(maintenanceBlockStart({ lastMaintenanceDate: null, nextMaintenanceDate: null }, PARIS)).toBeNull();
  });

  it('keeps a unit at quantity 1, a stock positive, and the maintenance dates in order', () => {
    expect(caught(() => applyEquipmentPatch(sd5, { quantityTotal: 3 }, new Date())).details).toEqual([{ field: 'quantity_total', message: 'A unit has a quantity of 1' }]);
    expect(caught(() => applyEquipmentPatch(sd5, { nextMaintenanceDate: '2024-01-01' }, new Date())).details).toEqual([
      { field: 'next_maintenance_date', message: 'next_maintenance_date must be on or after last_maintenance_date' },
    ]);
    expect(applyEquipmentPatch(sd5, { requiredCertifications: ['A', ' a ', 'B'] }, new Date()).requiredCertifications).toEqual(['A', 'B']);
    expect(applyEquipmentPatch(sd5, { name: 'SD5' }, new Date('2024-02-01T00:00:00Z'))).toMatchObject({ name: 'SD5', version: 2, updatedAt: '2024-02-01T00:00:00.000Z' });
  });
});
