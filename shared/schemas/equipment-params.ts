/**
 * The path parameters of the equipment routes, apart from equipment.ts so that the functions that
 * take no equipment body or query do not build those schemas at cold start (docs/bench.md).
 */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';

export const equipmentId = boundedId().check(z.describe('Equipment id, e.g. eq_101'));

export const equipmentIdParams = z.strictObject({ id: equipmentId });
export const bookingIdParams = z.strictObject({
  booking_id: boundedId().check(z.describe('Booking id')),
});
