import { test, expect } from 'vitest';
import { localToInstant, localParts, localDayLengthMinutes, formatWithOffset, localWeekStart } from '../../shared/domain/time/zoned.ts';
test('local wall clock across the Paris daylight-saving days', () => {
  const tz='Europe/Paris';
  expect(new Date(localToInstant('2024-03-31', 120, tz)).toISOString()).toBe('2024-03-31T01:00:00.000Z');
  expect(new Date(localToInstant('2024-03-31', 150, tz)).toISOString()).toBe('2024-03-31T01:30:00.000Z');
  expect(new Date(localToInstant('2024-10-27', 150, tz)).toISOString()).toBe('2024-10-27T00:30:00.000Z');
  expect(localDayLengthMinutes('2024-03-31', tz)).toBe(1380);
  expect(localDayLengthMinutes('2024-10-27', tz)).toBe(1500);
  expect(formatWithOffset(Date.parse('2024-02-15T19:00:00Z'), tz)).toBe('2024-02-15T20:00:00+01:00');
  expect(localWeekStart(Date.parse('2024-02-18T22:59:00Z'), tz)).toBe('2024-02-12');
  expect(localParts(Date.parse('2024-02-18T23:00:00Z'), tz).date).toBe('2024-02-19');
});
