/**
 * Membership roles. The crew roles come from the PlanningHub spec; `admin` manages the
 * organisation and passes every role check. docs/roles.md says which role may call what.
 */
export const memberRoles = ['technician', 'sound_engineer', 'lighting_engineer', 'stage_manager', 'admin'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** Who plans: stage managers and admins. */
export const PLANNERS: readonly MemberRole[] = ['stage_manager', 'admin'];
export const ADMINS: readonly MemberRole[] = ['admin'];

export function hasAnyRole(held: readonly string[], allowed: readonly MemberRole[]): boolean {
  return held.includes('admin') || allowed.some((role) => held.includes(role));
}
