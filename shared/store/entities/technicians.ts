/** Technician entities: a technician's profile in an organisation, a user's place on an event's crew. */
import { defineEntity, indexAttributes, primaryKey } from '../entity.ts';
import * as keys from '../keys.ts';
import type { TechnicianProfile } from '../../domain/technician.ts';
import type { CrewAssignment } from '../technicians.ts';

export const TechnicianProfileEntity = defineEntity<TechnicianProfile>({
  name: 'TechnicianProfile',
  key: (profile) => keys.technicianProfile(profile.organizationId, profile.userId),
});

export const CrewMemberEntity = defineEntity<CrewAssignment>({
  name: 'CrewMember',
  key: (assignment) => primaryKey(keys.crewMember(assignment.organizationId, assignment.eventId, assignment.userId)),
  indexes: (assignment) => indexAttributes(keys.crewMember(assignment.organizationId, assignment.eventId, assignment.userId)),
});
