/**
 * setAttributes writes the SET clause of the update expressions that keep an entity's attributes
 * on a lock or schedule item (shared/store/allocations.ts): every attribute but the key and those
 * excepted, in the item's order, each with its own name and value placeholders.
 */
import { describe, expect, it } from 'vitest';
import { setAttributes } from '../../shared/store/allocations.ts';

describe('setAttributes', () => {
  it('sets every attribute but pk, sk and the excepted ones', () => {
    // prepare
    const item = { pk: 'ORG#1', sk: 'LOCK#2', version: 3, usage: 4, resourceType: 'equipment', resourceId: 'eq_1', stripe: 7, updatedAt: '2026-11-30T00:00:00.000Z' };
    // act
    const set = setAttributes(item, ['version']);
    // assess
    expect(set.expression).toBe('#usage = :usage, #resourceType = :resourceType, #resourceId = :resourceId, #stripe = :stripe, #updatedAt = :updatedAt');
    expect(set.names).toEqual({ '#usage': 'usage', '#resourceType': 'resourceType', '#resourceId': 'resourceId', '#stripe': 'stripe', '#updatedAt': 'updatedAt' });
    expect(set.values).toEqual({ ':usage': 4, ':resourceType': 'equipment', ':resourceId': 'eq_1', ':stripe': 7, ':updatedAt': '2026-11-30T00:00:00.000Z' });
  });

  it('gives an empty clause when only the key is left', () => {
    expect(setAttributes({ pk: 'a', sk: 'b', version: 1 }, ['version'])).toEqual({ expression: '', names: {}, values: {} });
  });
});
