/**
 * Lowering a bulk stock: the verdict the use case (shared/app/equipment/update-equipment.ts)
 * asks the domain for, from the bookings to come. The figures are worked out by hand below.
 */
import { describe, expect, it } from 'vitest';
import { createEquipment, holdsPendingShrink, reserveStockShrink, stockShrinkRefusal } from '../../shared/domain/equipment.ts';
import type { Allocation } from '../../shared/domain/allocation.ts';

const H = 3_600_000;
const t0 = Date.parse('2026-06-01T08:00:00.000Z');
const booking = (id: string, startHours: number, endHours: number, quantity: number): Allocation => ({
  id,
  start: t0 + startHours * H,
  end: t0 + endHours * H,
  quantity,
  ownerType: 'equipment_booking',
  ownerId: id,
  eventId: null,
});
const window = { start: t0, end: t0 + 1000 * H };
// 4 + 3 overlap from 10:00 to 12:00 (7 at once); 5 alone later.
const bookings = [booking('a', 0, 4, 4), booking('b', 2, 6, 3), booking('c', 10, 12, 5)];

describe('lowering a stock', () => {
  it('is refused below the busiest moment to come, naming that moment and its count', () => {
    // act
    const refusal = stockShrinkRefusal({ id: 'eq_cables', quantityTotal: 6 }, bookings, window);
    // assess
    expect(refusal).toMatchObject({
      kind: 'conflict',
      code: 'RESOURCE_CONFLICT',
      details: { equipment_id: 'eq_cables', booked_peak: 7, booked_peak_at: '2026-06-01T10:00:00.000Z', quantity_total: 6 },
    });
  });

  it('is allowed down to the busiest moment exactly, and with no booking at all', () => {
    expect(stockShrinkRefusal({ id: 'eq_cables', quantityTotal: 7 }, bookings, window)).toBeNull();
    expect(stockShrinkRefusal({ id: 'eq_cables', quantityTotal: 1 }, [], window)).toBeNull();
  });

  it('counts only the bookings from now on', () => {
    // prepare: the overlap of a and b is over by 08:00 + 7 h
    const fromLater = { start: t0 + 7 * H, end: window.end };
    // act / assess
    expect(stockShrinkRefusal({ id: 'eq_cables', quantityTotal: 5 }, bookings, fromLater)).toBeNull();
    expect(stockShrinkRefusal({ id: 'eq_cables', quantityTotal: 4 }, bookings, fromLater)?.details).toMatchObject({ booked_peak: 5 });
  });

  it('first writes the smaller total as pending, which only that change settles', () => {
    // prepare
    const current = createEquipment({ name: 'Câble XLR 10 m', category: 'audio', subcategory: 'cables', kind: 'bulk', quantityTotal: 20 }, { id: 'eq_cables', organizationId: 'org_1' }, new Date(t0));
    const target = { ...current, quantityTotal: 12, updatedAt: '2026-06-01T09:00:00.000Z' };
    // act
    const reserving = reserveStockShrink(current, target);
    // assess
    expect(reserving).toMatchObject({ quantityTotal: 20, pendingQuantityTotal: 12, updatedAt: '2026-06-01T09:00:00.000Z', version: current.version + 1 });
    expect(holdsPendingShrink(reserving, target)).toBe(true);
    expect(holdsPendingShrink({ ...reserving, pendingQuantityTotal: 10 }, target)).toBe(false);
    expect(holdsPendingShrink(null, target)).toBe(false);
  });
});
