/** PlanningHub views of technicians and availability: the snake_case shapes of docs/technicians.md. */
import type { Membership, User } from '../store/identity.ts';
import type { TechnicianProfile } from '../domain/technician.ts';
import { availabilityView, contractView, specializationsView } from './technician-profile.ts';
import { availabilityToUtc, type Availability, type AvailabilityError, type AvailabilityWarning } from '../domain/availability.ts';
import type { LocalDate } from '../domain/time/zoned.ts';
import { HttpError, type Language } from '../http/errors.ts';

/** RFC 3339 in UTC; availability instants fall on whole minutes, so milliseconds add nothing. */
const utc = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export function technicianSummaryView(profile: TechnicianProfile, membership: Membership, user: User | undefined) {
  return {
    user_id: profile.userId,
    first_name: user?.firstName ?? '',
    last_name: user?.lastName ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? null,
    roles: membership.roles,
    specializations: specializationsView(profile.specializations),
    employment_contract: contractView(profile.employmentContract),
    updated_at: profile.updatedAt,
  };
}

export const technicianView = (profile: TechnicianProfile, membership: Membership, user: User | undefined) => ({
  ...technicianSummaryView(profile, membership, user),
  availability: availabilityView(profile.availability ?? {}),
});

/** The PATCH response of the spec: only the dates sent, cleared ones as []. */
export const availabilityPatchView = (patch: Availability, warnings: AvailabilityWarning[]) => ({
  status: 'success' as const,
  availability: patch,
  warnings: warnings.map((warning) => ({ date: warning.date, message: warning.message, severity: warning.severity })),
});

export function teamMemberAvailabilityView(userId: string, user: User | undefined, availability: Availability, timeZone: string) {
  return {
    user_id: userId,
    first_name: user?.firstName ?? '',
    last_name: user?.lastName ?? '',
    availability,
    intervals: Object.entries(availabilityToUtc(availability, timeZone)).flatMap(([date, intervals]) =>
      intervals.map((interval) => ({ date, start_time: utc(interval.startMs), end_time: utc(interval.endMs) })),
    ),
  };
}

export const teamAvailabilityView = (from: LocalDate, to: LocalDate, timeZone: string, results: ReturnType<typeof teamMemberAvailabilityView>[]) => ({
  from,
  to,
  timezone: timeZone,
  count: results.length,
  results,
});

/** Lists read by people: by last name, then first name (French collation), then id. */
export const byName = (a: { first_name: string; last_name: string; user_id: string }, b: { first_name: string; last_name: string; user_id: string }) =>
  a.last_name.localeCompare(b.last_name, 'fr') || a.first_name.localeCompare(b.first_name, 'fr') || (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0);

/** The spec's 400: every bad date and range, each named in the message and in `details`. */
export function invalidTimeRange(errors: readonly AvailabilityError[], lang: Language): HttpError {
  return HttpError.of(400, 'INVALID_TIME_RANGE.all', {
    params: { errors },
    details: errors.map((error) => ({ date: error.date, range: error.range, message: error.localised[lang] })),
  });
}
