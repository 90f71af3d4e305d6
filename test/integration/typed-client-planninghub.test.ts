/**
 * A whole PlanningHub flow through the typed client (clients/index.ts: openapi-fetch over the
 * types generated from the document, docs/clients.md): the planner logs in, creates an event,
 * uploads a rider and puts a technician on a shift pointing at it; the technician logs in on the
 * mobile app, syncs, and downloads the rider. The calls compile only if the document declares
 * them; every answer is also checked against the document (setup-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { planningHubClient } from '../../clients/index.ts';
import { hashPassword } from '../../shared/domain/password.ts';
import * as keys from '../../shared/store/keys.ts';
import { arrangeOrganization, baseUrl, tableClient, type ArrangedMember } from './support.ts';
import { PDF, sha256, upload } from './documents-support.ts';

const PASSWORD = 'Typed-Client-Password-1!';

/** Accounts come from sign-up (Auth0); locally the password hash is on the user item, as the seed writes it. */
async function giveAPassword(member: ArrangedMember) {
  const { client, tableName } = tableClient();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.user(member.userId),
      UpdateExpression: 'SET passwordHash = :hash',
      ExpressionAttributeValues: { ':hash': await hashPassword(PASSWORD) },
    }),
  );
}

/** The app's login: a client holding the token of POST /v1/auth/login. */
async function logIn(member: ArrangedMember) {
  const { data, error, response } = await planningHubClient({ baseUrl: baseUrl() }).POST('/v1/auth/login', {
    body: { email: member.email, password: PASSWORD, organization_id: member.organizationId },
  });
  expect(error, `login answered ${response.status}`).toBeUndefined();
  return planningHubClient({ baseUrl: baseUrl(), token: data!.access_token });
}

const inDays = (days: number, hour: number) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00Z`;

describe('PlanningHub through the typed client', () => {
  it('login, event, rider upload, shift, then the technician syncs and downloads the rider', async () => {
    // prepare
    const [plannerMember, technicianMember] = await arrangeOrganization({ members: 2, roles: (index) => (index === 0 ? ['admin'] : ['technician']) });
    await giveAPassword(plannerMember!);
    await giveAPassword(technicianMember!);
    const header = { 'X-Organization-ID': plannerMember!.organizationId };
    const planner = await logIn(plannerMember!);
    const profile = await planner.PUT('/v1/technicians/{user_id}', {
      params: { header, path: { user_id: technicianMember!.userId } },
      body: {
        skills: [{ name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2035-12-31' }] }],
        employment_contract: { type: 'freelance', hourly_rate: 45, overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 }, meal_allowance: true },
      },
    });
    expect(profile.response.status).toBe(201);

    // act: the planner's side
    const event = await planner.POST('/v1/events', { params: { header }, body: { name: 'Typed client festival', start_date: inDays(1, 0).slice(0, 10), end_date: inDays(20, 0).slice(0, 10) } });
    const eventId = event.data!.id;
    const announced = await planner.POST('/v1/events/{id}/documents', {
      params: { header, path: { id: eventId } },
      body: { kind: 'technical_rider', file_name: 'rider.pdf', content_type: 'application/pdf', size: PDF.length },
    });
    const uploaded = await upload(announced.data!.upload, PDF);
    const completed = await planner.POST('/v1/documents/{id}/complete', { params: { header, path: { id: announced.data!.id } } });
    const shift = await planner.POST('/v1/shifts', {
      params: { header },
      body: {
        title: 'Balances',
        event_id: eventId,
        start_time: inDays(3, 9),
        end_time: inDays(3, 15),
        resources: [{ id: technicianMember!.userId, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] }],
        metadata: { technical_rider: announced.data!.id },
      },
    });
    // act: the technician's phone
    const phone = await logIn(technicianMember!);
    const synced = await phone.GET('/v1/sync', { params: { header } });
    const document = await phone.GET('/v1/documents/{id}', { params: { header, path: { id: announced.data!.id } } });
    const downloaded = Buffer.from(await (await fetch(document.data!.download_url!)).arrayBuffer());

    // assess
    expect(event.response.status).toBe(201);
    expect(announced.response.status).toBe(201);
    expect(uploaded).toBe(200);
    expect(completed.data?.status).toBe('ready');
    expect(shift.response.status).toBe(201);
    expect(synced.data?.shifts.map((entry) => entry.id)).toEqual([shift.data!.id]);
    expect(synced.data?.documents.map((entry) => entry.id)).toEqual([announced.data!.id]);
    expect(document.data?.sha256).toBe(sha256(PDF));
    expect(downloaded.equals(PDF)).toBe(true);
  });
});
