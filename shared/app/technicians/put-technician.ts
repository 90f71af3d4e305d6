import { DomainError } from '../../domain/errors.ts';
import { technicianNotFound, type EmploymentContract, type Specialization } from '../../domain/technician.ts';
import { getMembership, getUser } from '../../store/identity.ts';
import { saveTechnicianQualifications } from '../../store/technicians.ts';
import type { Actor } from '../actor.ts';
import type { Technician } from './technicians.ts';

/** PUT /v1/technicians/{user_id}: creates or replaces the planner-managed part of a profile. */
export async function putTechnicianUseCase(
  actor: Actor,
  userId: string,
  qualifications: { specializations: Specialization[]; employmentContract: EmploymentContract | null },
  now = new Date(),
): Promise<Technician & { created: boolean }> {
  // Nobody sets their own rate or qualifications, a stage manager who is also on the crew included;
  // admins manage the organisation and may.
  if (userId === actor.userId && !actor.roles.includes('admin')) {
    throw DomainError.of('forbidden', 'OWN_PROFILE_FORBIDDEN');
  }
  const [membership, user] = await Promise.all([getMembership(actor.organizationId, userId), getUser(userId)]);
  if (!membership) throw technicianNotFound();
  const { profile, created } = await saveTechnicianQualifications(actor.organizationId, userId, qualifications, now);
  return { profile, membership, user: user ?? undefined, created };
}
