/**
 * Technician profiles (/v1/technicians) and a member's own contact details (PATCH /v1/users/me)
 * through the local gateway. Tests work on members they create, never on the demo's Jean-Michel
 * (other files assert his profile verbatim); list assertions look only at those members.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { admin, api, colleague, joinOrganization, outsider } from './support.ts';

const ph = (token: string, organizationId = 'org_123') => ({ token, headers: { 'x-organization-id': organizationId } });

/** A new member of the organisation (invited by its admin, accepted) and a token of their own. */
async function newMember(roles: string[], organization: { id: string; adminToken: string } = { id: 'org_123', adminToken: admin().accessToken }) {
  const lastName = `Tech-${randomUUID().slice(0, 8)}`;
  const member = await joinOrganization(organization, roles, { firstName: 'Lou', lastName, phone: '+33 6 12 34 56 78' });
  return { ...member, lastName, roles };
}

const contract = {
  type: 'intermittent',
  hourly_rate: 32.5,
  overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.25, emergency_call_bonus: 2 },
  meal_allowance: true,
};

const putTechnician = (userId: string, body: unknown, token = colleague().accessToken, organizationId = 'org_123') =>
  api('PUT', `/v1/technicians/${userId}`, { ...ph(token, organizationId), body });

describe('PUT /v1/technicians/{user_id}', () => {
  it('creates a profile (201) with skills grouped by category, then replaces it (200)', async () => {
    // prepare
    const tech = await newMember(['technician']);
    // act
    const created = await putTechnician(tech.userId, {
      skills: [
        { name: 'moving_lights', level: 3 },
        { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
        { name: 'truss_rigger', level: 2, certifications: [] },
        { name: 'system_tech', level: 4 },
      ],
      employment_contract: contract,
    });
    // assess
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      user_id: tech.userId,
      first_name: 'Lou',
      last_name: tech.lastName,
      email: tech.email,
      phone: '+33 6 12 34 56 78',
      roles: ['technician'],
      specializations: [
        {
          category: 'sound',
          skills: [
            { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
            { name: 'system_tech', level: 4 },
          ],
        },
        { category: 'lighting', skills: [{ name: 'moving_lights', level: 3 }] },
        { category: 'rigging', skills: [{ name: 'truss_rigger', level: 2 }] },
      ],
      employment_contract: contract,
      availability: {},
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });

    const replaced = await putTechnician(tech.userId, { skills: [{ name: 'video_mapping', level: 1 }], employment_contract: null });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ specializations: [{ category: 'video', skills: [{ name: 'video_mapping', level: 1 }] }], employment_contract: null });
    const read = await api('GET', `/v1/technicians/${tech.userId}`, ph(colleague().accessToken));
    expect(read.body).toEqual(replaced.body);
  });

  it("keeps the technician's own availability", async () => {
    // prepare
    const tech = await newMember(['technician']);
    await api('PATCH', '/v1/users/me/availability', { ...ph(tech.token), body: { '2024-02-20': ['10:00-20:00'] } });
    // act
    const response = await putTechnician(tech.userId, { skills: [{ name: 'pyro_operator', level: 4 }], employment_contract: contract });
    // assess
    expect(response.status).toBe(200);
    expect(response.body.availability).toEqual({ '2024-02-20': ['10:00-20:00'] });
    expect((await api('GET', '/v1/users/me', ph(tech.token))).body).toMatchObject({
      availability: { '2024-02-20': ['10:00-20:00'] },
      specializations: [{ category: 'pyro', skills: [{ name: 'pyro_operator', level: 4 }] }],
      employment_contract: contract,
    });
  });

  it.each([
    ['a skill not in the list', { skills: [{ name: 'dj', level: 3 }], employment_contract: null }, ['skills.0.name']],
    ['a level of 0', { skills: [{ name: 'foh_engineer', level: 0 }], employment_contract: null }, ['skills.0.level']],
    ['a level of 6', { skills: [{ name: 'foh_engineer', level: 6 }], employment_contract: null }, ['skills.0.level']],
    ['a fractional level', { skills: [{ name: 'foh_engineer', level: 2.5 }], employment_contract: null }, ['skills.0.level']],
    ['a skill twice', { skills: [{ name: 'foh_engineer', level: 2 }, { name: 'foh_engineer', level: 3 }], employment_contract: null }, ['skills']],
    ['a category sent by the client', { skills: [{ name: 'foh_engineer', level: 2, category: 'video' }], employment_contract: null }, ['skills.0.category']],
    [
      'an impossible expiry date',
      { skills: [{ name: 'foh_engineer', level: 2, certifications: [{ name: 'DiGiCo', expiry_date: '2025-02-30' }] }], employment_contract: null },
      ['skills.0.certifications.0.expiry_date'],
    ],
    [
      'a certification without expiry date',
      { skills: [{ name: 'foh_engineer', level: 2, certifications: [{ name: 'DiGiCo' }] }], employment_contract: null },
      ['skills.0.certifications.0.expiry_date'],
    ],
    ['an hourly rate of 0', { skills: [], employment_contract: { ...contract, hourly_rate: 0 } }, ['employment_contract.hourly_rate']],
    ['a negative hourly rate', { skills: [], employment_contract: { ...contract, hourly_rate: -45 } }, ['employment_contract.hourly_rate']],
    [
      'an overtime multiplier below 1',
      { skills: [], employment_contract: { ...contract, overtime_rules: { ...contract.overtime_rules, night_shift_bonus: 0.9 } } },
      ['employment_contract.overtime_rules.night_shift_bonus'],
    ],
    ['an unknown contract type', { skills: [], employment_contract: { ...contract, type: 'bénévole' } }, ['employment_contract.type']],
    ['meal_allowance missing', { skills: [], employment_contract: { ...contract, meal_allowance: undefined } }, ['employment_contract.meal_allowance']],
    ['no employment_contract', { skills: [] }, ['employment_contract']],
    ['availability (the technician\'s own)', { skills: [], employment_contract: null, availability: { '2024-02-20': ['10:00-20:00'] } }, ['availability']],
  ])('refuses %s with 400 naming the field', async (_label, body, fields) => {
    // prepare
    const tech = await newMember(['technician']);
    // act
    const response = await putTechnician(tech.userId, body);
    // assess
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(fields);
    expect((await api('GET', `/v1/technicians/${tech.userId}`, ph(colleague().accessToken))).status).toBe(404);
  });

  it('answers 404 for someone who is not a member of the organisation', async () => {
    const unknown = await putTechnician(`user_${randomUUID()}`, { skills: [], employment_contract: null });
    const foreign = await putTechnician('user_999', { skills: [], employment_contract: null });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('is for planners: a technician cannot set anyone\'s profile, their own included', async () => {
    // prepare
    const tech = await newMember(['technician', 'sound_engineer']);
    const other = await newMember(['technician']);
    // act
    const own = await putTechnician(tech.userId, { skills: [{ name: 'foh_engineer', level: 5 }], employment_contract: { ...contract, hourly_rate: 500 } }, tech.token);
    const someone = await putTechnician(other.userId, { skills: [], employment_contract: null }, tech.token);
    // assess
    expect([own.status, own.body.error.code]).toEqual([403, 'INSUFFICIENT_ROLE']);
    expect([someone.status, someone.body.error.code]).toEqual([403, 'INSUFFICIENT_ROLE']);
    expect((await api('GET', `/v1/technicians/${tech.userId}`, ph(tech.token))).status).toBe(404);
  });

  it('does not let a stage manager set their own profile, but lets an admin', async () => {
    // prepare
    const stageManager = await newMember(['stage_manager', 'sound_engineer']);
    const newAdmin = await newMember(['admin']);
    // act
    const own = await putTechnician(stageManager.userId, { skills: [{ name: 'foh_engineer', level: 5 }], employment_contract: contract }, stageManager.token);
    const byAdmin = await putTechnician(newAdmin.userId, { skills: [{ name: 'system_tech', level: 3 }], employment_contract: contract }, newAdmin.token);
    // assess
    expect([own.status, own.body.error.code]).toEqual([403, 'OWN_PROFILE_FORBIDDEN']);
    expect(byAdmin.status).toBe(201);
  });
});

describe('GET /v1/technicians/{user_id}', () => {
  it('shows a technician their own profile, and planners anyone\'s, but not a colleague\'s to a technician', async () => {
    // prepare
    const tech = await newMember(['technician']);
    const colleagueTech = await newMember(['lighting_engineer']);
    await putTechnician(tech.userId, { skills: [{ name: 'led_programmer', level: 3 }], employment_contract: contract });
    // act
    const own = await api('GET', `/v1/technicians/${tech.userId}`, ph(tech.token));
    const byPlanner = await api('GET', `/v1/technicians/${tech.userId}`, ph(colleague().accessToken));
    const byColleague = await api('GET', `/v1/technicians/${tech.userId}`, ph(colleagueTech.token));
    // assess
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ user_id: tech.userId, specializations: [{ category: 'lighting', skills: [{ name: 'led_programmer', level: 3 }] }], employment_contract: contract });
    expect(byPlanner.body).toEqual(own.body);
    expect([byColleague.status, byColleague.body.error.code]).toEqual([403, 'INSUFFICIENT_ROLE']);
  });

  it("answers 404 for another organisation's technician", async () => {
    // prepare: a technician of org_999 with a profile
    const foreign = await newMember(['technician'], { id: 'org_999', adminToken: outsider().accessToken });
    expect((await putTechnician(foreign.userId, { skills: [], employment_contract: null }, outsider().accessToken, 'org_999')).status).toBe(201);
    // act
    const response = await api('GET', `/v1/technicians/${foreign.userId}`, ph(admin().accessToken));
    // assess
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('stops showing the profile of a removed member', async () => {
    // prepare
    const tech = await newMember(['technician']);
    await putTechnician(tech.userId, { skills: [{ name: 'foh_engineer', level: 2 }], employment_contract: null });
    await api('DELETE', `/v1/members/${tech.userId}`, ph(admin().accessToken));
    // act
    const single = await api('GET', `/v1/technicians/${tech.userId}`, ph(admin().accessToken));
    const list = await api('GET', '/v1/technicians', ph(admin().accessToken));
    // assess
    expect(single.status).toBe(404);
    expect(list.body.results.map((result: { user_id: string }) => result.user_id)).not.toContain(tech.userId);
  });
});

describe('GET /v1/technicians', () => {
  const idsOf = (response: { body: { results: { user_id: string }[] } }, among: string[]) =>
    response.body.results.map((result) => result.user_id).filter((id) => among.includes(id));
  const list = (query: string, token = colleague().accessToken) => api('GET', `/v1/technicians${query}`, ph(token));

  it('filters by skill, minimum level and certification valid on a date', async () => {
    // prepare: a certification name of this test's own, so other profiles cannot match it
    const certificate = `Grand MA3 ${randomUUID().slice(0, 8)}`;
    const [expert, junior, lighting] = await Promise.all([newMember(['technician']), newMember(['technician']), newMember(['technician'])]);
    await putTechnician(expert.userId, {
      skills: [{ name: 'monitor_engineer', level: 5 }, { name: 'moving_lights', level: 2, certifications: [{ name: certificate, expiry_date: '2025-06-30' }] }],
      employment_contract: contract,
    });
    await putTechnician(junior.userId, { skills: [{ name: 'monitor_engineer', level: 2 }], employment_contract: null });
    await putTechnician(lighting.userId, {
      skills: [{ name: 'moving_lights', level: 4, certifications: [{ name: certificate, expiry_date: '2025-07-31' }] }],
      employment_contract: null,
    });
    const mine = [expert.userId, junior.userId, lighting.userId];
    // act
    const all = await list('');
    const monitors = await list('?skill=monitor_engineer');
    const seniorMonitors = await list('?skill=monitor_engineer&min_level=4');
    const anySkillLevel4 = await list('?min_level=4');
    const certifiedInJune = await list(`?certification=${encodeURIComponent(certificate.toUpperCase())}&valid_on=2025-06-30`);
    const certifiedInJuly = await list(`?certification=${encodeURIComponent(certificate)}&valid_on=2025-07-01`);
    const certifiedSeniorLights = await list(`?skill=moving_lights&min_level=3&certification=${encodeURIComponent(certificate)}&valid_on=2025-01-01`);
    // assess
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(all.body.results.length);
    expect(idsOf(all, mine).sort()).toEqual([...mine].sort());
    expect(idsOf(monitors, mine).sort()).toEqual([expert.userId, junior.userId].sort());
    expect(idsOf(seniorMonitors, mine)).toEqual([expert.userId]);
    expect(idsOf(anySkillLevel4, mine).sort()).toEqual([expert.userId, lighting.userId].sort());
    expect(idsOf(certifiedInJune, mine).sort()).toEqual([expert.userId, lighting.userId].sort());
    expect(certifiedInJuly.body).toEqual({ count: 1, results: [expect.objectContaining({ user_id: lighting.userId })] });
    expect(idsOf(certifiedSeniorLights, mine)).toEqual([lighting.userId]);
    expect(all.body.results.find((result: { user_id: string }) => result.user_id === expert.userId)).toEqual({
      user_id: expert.userId,
      first_name: 'Lou',
      last_name: expert.lastName,
      email: expert.email,
      phone: '+33 6 12 34 56 78',
      roles: ['technician'],
      specializations: [
        { category: 'sound', skills: [{ name: 'monitor_engineer', level: 5 }] },
        { category: 'lighting', skills: [{ name: 'moving_lights', level: 2, certifications: [{ name: certificate, expiry_date: '2025-06-30' }] }] },
      ],
      employment_contract: contract,
      updated_at: expect.any(String),
    });
  });

  it('counts a certification as valid today by default', async () => {
    // prepare
    const certificate = `CACES ${randomUUID().slice(0, 8)}`;
    const [current, expired] = await Promise.all([newMember(['technician']), newMember(['technician'])]);
    await putTechnician(current.userId, { skills: [{ name: 'truss_rigger', level: 3, certifications: [{ name: certificate, expiry_date: '2999-12-31' }] }], employment_contract: null });
    await putTechnician(expired.userId, { skills: [{ name: 'truss_rigger', level: 3, certifications: [{ name: certificate, expiry_date: '2001-01-01' }] }], employment_contract: null });
    // act
    const response = await list(`?certification=${encodeURIComponent(certificate)}`);
    // assess
    expect(response.body).toEqual({ count: 1, results: [expect.objectContaining({ user_id: current.userId })] });
  });

  it("shows only the caller's organisation", async () => {
    const foreign = await newMember(['technician'], { id: 'org_999', adminToken: outsider().accessToken });
    await putTechnician(foreign.userId, { skills: [{ name: 'foh_engineer', level: 1 }], employment_contract: null }, outsider().accessToken, 'org_999');
    const response = await list('');
    expect(response.body.results.map((result: { user_id: string }) => result.user_id)).not.toContain(foreign.userId);
    expect(response.body.results.map((result: { user_id: string }) => result.user_id)).toContain('user_456');
  });

  it.each([
    ['an unknown skill', '?skill=dj', ['skill']],
    ['a level out of range', '?min_level=7', ['min_level']],
    ['valid_on without certification', '?valid_on=2025-01-01', ['valid_on']],
    ['an unknown parameter', '?sort=name', ['sort']],
  ])('refuses %s with 400', async (_label, query, fields) => {
    const response = await list(query);
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(fields);
  });

  it('is for planners', async () => {
    const tech = await newMember(['technician']);
    const response = await list('', tech.token);
    expect([response.status, response.body.error.code]).toEqual([403, 'INSUFFICIENT_ROLE']);
  });
});

describe('PATCH /v1/users/me', () => {
  it('lets a technician change their own contact details and answers like GET /v1/users/me', async () => {
    // prepare
    const tech = await newMember(['technician']);
    // act
    const response = await api('PATCH', '/v1/users/me', { ...ph(tech.token), body: { first_name: 'Louise', phone: '+33 7 00 00 00 01' } });
    // assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: tech.userId,
      first_name: 'Louise',
      last_name: tech.lastName,
      email: tech.email,
      phone: '+33 7 00 00 00 01',
      roles: ['technician'],
      specializations: [],
      availability: {},
      employment_contract: null,
      current_events: [],
    });
    expect((await api('GET', '/v1/users/me', ph(tech.token))).body).toEqual(response.body);
    const cleared = await api('PATCH', '/v1/users/me', { ...ph(tech.token), body: { phone: null, last_name: '  Martin ' } });
    expect(cleared.body).toMatchObject({ phone: null, last_name: 'Martin' });
  });

  it.each([
    ['their contract', { employment_contract: { ...contract, hourly_rate: 500 } }, ['employment_contract']],
    ['their skills', { skills: [{ name: 'foh_engineer', level: 5 }] }, ['skills']],
    ['their specializations', { specializations: [] }, ['specializations']],
    ['their roles', { first_name: 'Lou', roles: ['admin'] }, ['roles']],
    ['their e-mail', { email: 'someone@else.fr' }, ['email']],
    ['their availability', { availability: {} }, ['availability']],
    ['nothing', {}, ['(root)']],
    ['an invalid phone number', { phone: 'call me maybe' }, ['phone']],
    ['an empty first name', { first_name: '   ' }, ['first_name']],
  ])('refuses a technician setting %s with 400, and changes nothing', async (_label, body, fields) => {
    // prepare: a technician with a contract set by a planner
    const tech = await newMember(['technician']);
    await putTechnician(tech.userId, { skills: [{ name: 'system_tech', level: 2 }], employment_contract: contract });
    // act
    const response = await api('PATCH', '/v1/users/me', { ...ph(tech.token), body });
    // assess
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(fields);
    const me = (await api('GET', '/v1/users/me', ph(tech.token))).body;
    expect(me).toMatchObject({
      first_name: 'Lou',
      email: tech.email,
      roles: ['technician'],
      employment_contract: contract,
      specializations: [{ category: 'sound', skills: [{ name: 'system_tech', level: 2 }] }],
    });
  });
});
