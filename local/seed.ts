/**
 * Demo data: the seeds' example world, written idempotently so `npm start` can run it on every
 * start. Uses the same repositories as the handlers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { register } from '../shared/app/registrations/register.ts';
import { ensureOrganization, findApiKeyByHash, getMembership, getUser, insertApiKey, insertUser, membershipGeneration, putMembership } from '../shared/store/identity.ts';
import { getCrewAssignment, getTechnicianProfile, putCrewAssignment, putTechnicianProfile } from '../shared/store/technicians.ts';
import { hashPassword } from '../shared/domain/password.ts';
import type { TechnicianProfile } from '../shared/domain/technician.ts';
import { seedDemoProductions } from './demo-productions.ts';
import { getEvent, insertEvent } from '../shared/store/events.ts';
import { createEvent } from '../shared/domain/event.ts';
import { slugify } from '../shared/domain/slug.ts';
import { DEFAULT_API_KEY_SCOPES, generateApiKey, hashApiKey } from '../shared/domain/api-key.ts';
import type { DevIssuer } from './dev-issuer.ts';

export interface DemoCredential {
  email: string;
  apiKey: string;
  accessToken: string;
  organizationId: string;
}

export const demoOrganizations = [
  { id: 'org_123', name: 'SonoPro Spectacle', timezone: 'Europe/Paris' },
  { id: 'org_999', name: 'Autre Production', timezone: 'Europe/Paris' },
];

/** Development passwords (hashed with scrypt at seeding; Auth0 holds real ones when deployed). */
export const DEMO_PASSWORD = 'Demo-Password-2024!';

export const demoUsers = [
  { id: 'user_admin', email: 'admin@eventlite.fr', firstName: 'Admin', lastName: 'EventLite', phone: null, organizationId: 'org_123', roles: ['admin'], password: DEMO_PASSWORD },
  {
    id: 'user_456',
    email: 'jmichel@sonopro.fr',
    firstName: 'Jean-Michel',
    lastName: 'Leroy',
    phone: '+336XXXXXXXX',
    organizationId: 'org_123',
    roles: ['sound_engineer', 'stage_manager'],
    // The PlanningHub spec's login example, verbatim.
    password: 'securePassword123!',
  },
  { id: 'user_999', email: 'claire@autreprod.fr', firstName: 'Claire', lastName: 'Martin', phone: null, organizationId: 'org_999', roles: ['admin'], password: DEMO_PASSWORD },
];

/** Jean-Michel Leroy's profile, as GET /v1/users/me shows it in the spec. */
const jeanMichelProfile: TechnicianProfile = {
  organizationId: 'org_123',
  userId: 'user_456',
  specializations: [
    {
      category: 'sound',
      skills: [
        { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
        { name: 'system_tech', level: 4 },
      ],
    },
  ],
  availability: { '2024-02-15': ['08:00-18:00', '20:00-02:00'], '2024-02-16': ['14:00-23:00'] },
  employmentContract: {
    type: 'freelance',
    hourly_rate: 45,
    overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 },
    meal_allowance: true,
  },
  updatedAt: '2024-01-20T10:00:00.000Z',
};

/** The EventLite spec's list example (docs/api-eventlite.md), published, with two confirmed registrations. */
export const demoEventId = '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60';

export async function seedDemoData(issuer: DevIssuer, previousCredentialsFile?: string): Promise<DemoCredential[]> {
  const now = new Date();
  for (const organization of demoOrganizations) await ensureOrganization({ ...organization, createdAt: now.toISOString() });
  for (const user of demoUsers) {
    if (!(await getUser(user.id))) {
      await insertUser({
        id: user.id,
        email: user.email,
        firstName: user.firstName,
        lastName: user.lastName,
        phone: user.phone,
        createdAt: now.toISOString(),
        passwordHash: await hashPassword(user.password),
      });
    }
    if (!(await getMembership(user.organizationId, user.id))) {
      await putMembership({ organizationId: user.organizationId, userId: user.id, roles: user.roles, createdAt: now.toISOString() });
    }
  }
  if (!(await getTechnicianProfile('org_123', 'user_456'))) await putTechnicianProfile(jeanMichelProfile);
  await seedDemoProductions();
  await (await import('./demo-equipment.ts')).seedDemoEquipment();
  if (!(await getCrewAssignment('org_123', 'event_456', 'user_456'))) {
    await putCrewAssignment({ organizationId: 'org_123', eventId: 'event_456', userId: 'user_456', role: 'head_sound_engineer' });
  }

  if (!(await getEvent('org_123', demoEventId))) {
    const title = 'Meetup IA Paris';
    const registrations = 2;
    const event = await insertEvent(
      (slug) =>
        createEvent(
          {
            title,
            subtitle: "Découvrez l'IA générative",
            description: 'Rejoignez-nous pour une soirée dédiée à l’IA générative.',
            mode: 'IN_PERSON',
            location: '42 rue Tech, Paris',
            latitude: 48.8566,
            longitude: 2.3522,
            startAt: '2025-02-15T19:00:00.000Z',
            endAt: '2025-02-15T21:00:00.000Z',
            capacity: 50,
            waitlist: true,
            status: 'PUBLISHED',
          },
          { id: demoEventId, organizationId: 'org_123', organizerId: 'user_admin', slug },
          new Date('2025-01-20T10:00:00.000Z'),
        ),
      slugify(title),
    );
    // Through the registration use case, so the counters, markers and outbox records are the real ones.
    for (let i = 1; i <= registrations; i++) {
      await register(event, { name: `Participant ${i}`, email: `participant${i}@example.com`, source: 'api' }, false);
    }
  }

  const previous = readPreviousCredentials(previousCredentialsFile);
  const credentials: DemoCredential[] = [];
  for (const user of demoUsers) {
    let apiKey = previous.get(user.email);
    const membership = (await getMembership(user.organizationId, user.id))!;
    const stored = apiKey ? await findApiKeyByHash(hashApiKey(apiKey)) : null;
    // A key from before scopes (no generation) or from an earlier membership no longer works.
    if (!apiKey || !stored || stored.membershipGeneration !== membershipGeneration(membership)) {
      const generated = generateApiKey();
      await insertApiKey(
        {
          id: randomUUID(),
          userId: user.id,
          organizationId: user.organizationId,
          name: 'demo key (npm start)',
          prefix: generated.displayPrefix,
          createdAt: now.toISOString(),
          revokedAt: null,
          scopes: [...DEFAULT_API_KEY_SCOPES],
          expiresAt: null,
          membershipGeneration: membershipGeneration(membership),
        },
        generated.hash,
      );
      apiKey = generated.secret;
    }
    credentials.push({
      email: user.email,
      apiKey,
      accessToken: issuer.issue({ userId: user.id, organizationId: user.organizationId, expiresInSeconds: 12 * 3600 }),
      organizationId: user.organizationId,
    });
  }
  return credentials;
}

function readPreviousCredentials(file?: string): Map<string, string> {
  if (!file || !existsSync(file)) return new Map();
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { users?: { email: string; apiKey: string }[] };
    return new Map((parsed.users ?? []).map((user) => [user.email, user.apiKey]));
  } catch {
    return new Map();
  }
}
