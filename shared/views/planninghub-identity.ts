/** PlanningHub views of identity: the spec's snake_case shapes. */
import type { Membership, User } from '../store/identity.ts';
import type { EmploymentContract, Specialization, TechnicianProfile } from '../domain/technician.ts';
import type { CrewAssignment } from '../store/technicians.ts';

export function currentUserView(
  user: User,
  membership: Membership,
  profile: TechnicianProfile | null,
  events: (CrewAssignment & { eventName: string; shiftIds: string[] })[],
) {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    phone: user.phone,
    roles: membership.roles,
    specializations: (profile?.specializations ?? []).map(specializationView),
    availability: availabilityView(profile?.availability ?? {}),
    employment_contract: profile?.employmentContract ? contractView(profile.employmentContract) : null,
    current_events: events.map((event) => ({ id: event.eventId, name: event.eventName, role: event.role, shifts: event.shiftIds })),
  };
}

export function memberView(membership: Membership, user: User | undefined) {
  return {
    user_id: membership.userId,
    email: user?.email ?? '',
    first_name: user?.firstName ?? '',
    last_name: user?.lastName ?? '',
    roles: membership.roles,
    joined_at: membership.createdAt,
  };
}

// DynamoDB does not keep the order of a map's keys: the views rebuild the spec's order.

export const specializationView = (specialization: Specialization) => ({
  category: specialization.category,
  skills: specialization.skills.map((skill) => ({
    name: skill.name,
    level: skill.level,
    ...(skill.certifications?.length
      ? { certifications: skill.certifications.map((certification) => ({ name: certification.name, expiry_date: certification.expiry_date })) }
      : {}),
  })),
});

export const availabilityView = (availability: Record<string, string[]>) =>
  Object.fromEntries(Object.keys(availability).sort().map((date) => [date, availability[date]!]));

export const contractView = (contract: EmploymentContract) => ({
  type: contract.type,
  hourly_rate: contract.hourly_rate,
  overtime_rules: {
    night_shift_bonus: contract.overtime_rules.night_shift_bonus,
    weekend_shift_bonus: contract.overtime_rules.weekend_shift_bonus,
    emergency_call_bonus: contract.overtime_rules.emergency_call_bonus,
  },
  meal_allowance: contract.meal_allowance,
});
