/**
 * Worlds for the shift tests. The demo organisation is shared by every integration file running in
 * parallel (equipment.test.ts books eq_101 on the spec's slot; planninghub-identity.test.ts expects
 * Jean-Michel without shifts), so each shift test gets an organisation of its own: a replica of the
 * spec's world (event_456, user_456 with the spec's profile and contract, eq_101, eq_102: the
 * same ids, since every key carries its organisation), or members arranged for the test.
 *
 * What the API can create is created through the API (technician profiles, availability, events,
 * equipment); what has a fixed id in the spec (event_456, eq_101, eq_102, the membership of the
 * global user_456) is written in the shapes the repositories write.
 */
import { expect } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { MembershipEntity } from '../../shared/store/entities/identity.ts';
import { EventEntity } from '../../shared/store/entities/events.ts';
import { CrewMemberEntity } from '../../shared/store/entities/technicians.ts';
import { EquipmentEntity } from '../../shared/store/entities/equipment.ts';
import { createEquipment } from '../../shared/domain/equipment.ts';
import { createProductionEvent } from '../../shared/domain/production.ts';
import { createProductionEventBody, toNewProductionInput } from '../../shared/schemas/planninghub-events.ts';
import { demoEquipment } from '../../local/demo-equipment.ts';
import { jazzAJuanRequest } from '../../local/demo-productions.ts';
import { api, arrangeOrganization, tableClient, tokenFor, type ApiResponse, type ArrangedMember } from './support.ts';

export interface Caller {
  accessToken: string;
  organizationId: string;
}

export const ph = (method: string, path: string, caller: Caller, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> =>
  api(method, path, { token: caller.accessToken, body, headers: { 'x-organization-id': caller.organizationId, ...headers } });

/** The spec's skills and contract (GET /users/me). */
export const SPEC_SKILLS = [
  { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
  { name: 'system_tech', level: 4 },
];
export const SPEC_CONTRACT = {
  type: 'freelance',
  hourly_rate: 45,
  overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 },
  meal_allowance: true,
};

export async function putTechnician(planner: Caller, userId: string, skills: unknown[], contract: unknown = SPEC_CONTRACT): Promise<void> {
  const response = await ph('PUT', `/v1/technicians/${userId}`, planner, { skills, employment_contract: contract });
  expect([200, 201]).toContain(response.status);
}

export interface SpecWorld {
  organizationId: string;
  planner: Caller;
  jeanMichel: Caller;
  /** More members, without profiles: the test gives them theirs. */
  others: ArrangedMember[];
}

/** An organisation holding the spec's world under its ids: event_456, user_456 (Jean-Michel Leroy), eq_101, eq_102. */
export async function arrangeSpecWorld(others = 0): Promise<SpecWorld> {
  const [admin, ...rest] = await arrangeOrganization({ members: 1 + others, roles: ['admin'] });
  const organizationId = admin!.organizationId;
  const { client, tableName } = tableClient();
  const put = (Item: Record<string, unknown>) => client.send(new PutCommand({ TableName: tableName, Item }));
  const createdAt = '2024-01-20T10:00:00.000Z';
  await put(MembershipEntity.toItem({ organizationId, userId: 'user_456', roles: ['sound_engineer', 'stage_manager'], createdAt }));
  const event = createProductionEvent(
    toNewProductionInput(createProductionEventBody.parse(jazzAJuanRequest)),
    { id: 'event_456', organizationId, organizerId: 'user_456', slug: `festival-jazz-a-juan-2024-${organizationId.toLowerCase().replaceAll('_', '-')}` },
    new Date(createdAt),
  );
  await put(EventEntity.toItem(event));
  await put(CrewMemberEntity.toItem({ organizationId, eventId: 'event_456', userId: 'user_456', role: 'head_sound_engineer' }));
  for (const { id, input } of demoEquipment.filter((entry) => entry.id === 'eq_101' || entry.id === 'eq_102')) {
    const item = createEquipment(input, { id, organizationId }, new Date(createdAt));
    await put(EquipmentEntity.toItem(item));
  }
  const planner = { accessToken: admin!.accessToken, organizationId };
  const jeanMichel = { accessToken: tokenFor('user_456', organizationId), organizationId };
  await putTechnician(planner, 'user_456', SPEC_SKILLS);
  const declared = await ph('PATCH', '/v1/users/me/availability', jeanMichel, { '2024-02-15': ['08:00-18:00', '20:00-02:00'], '2024-02-16': ['14:00-23:00'] });
  expect(declared.status).toBe(200);
  return { organizationId, planner, jeanMichel, others: rest };
}

export interface CrewWorld {
  organizationId: string;
  planner: Caller;
  members: ArrangedMember[];
  eventId: string;
}

/** An organisation with an admin, `technicians` members with the spec's contract, and one production event with a budget. */
export async function arrangeCrewWorld(technicians: number, skills: unknown[] = SPEC_SKILLS.map((skill) => ({ ...skill, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2035-12-31' }] }))): Promise<CrewWorld> {
  const [admin, ...members] = await arrangeOrganization({ members: technicians + 1, roles: ['admin'] });
  const organizationId = admin!.organizationId;
  const planner = { accessToken: admin!.accessToken, organizationId };
  for (const member of members) {
    await putTechnician(planner, member.userId, skills);
    // Technicians, not admins: they see their own shifts only.
    expect((await ph('PATCH', `/v1/members/${member.userId}`, planner, { roles: ['technician'] })).status).toBe(200);
  }
  const event = await ph('POST', '/v1/events', planner, {
    name: 'Shift test festival',
    start_date: '2031-03-01',
    end_date: '2031-03-31',
    budget: { total: 10000, breakdown: { sound: 3000, labor: 5000 } },
  });
  expect(event.status).toBe(201);
  return { organizationId, planner, members, eventId: event.body.id };
}

export const callerOf = (member: ArrangedMember): Caller => ({ accessToken: member.accessToken, organizationId: member.organizationId });

/** A shift body for one technician, no equipment. */
export function technicianShift(eventId: string, technicianId: string, start: string, end: string, extra: Record<string, unknown> = {}) {
  return {
    title: 'Test shift',
    event_id: eventId,
    start_time: start,
    end_time: end,
    resources: [{ id: technicianId, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] }],
    ...extra,
  };
}
