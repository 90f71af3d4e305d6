/** HTTP helpers for integration tests: real requests to the local gateway. */
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { DEFAULT_API_KEY_SCOPES, generateApiKey } from '../../shared/domain/api-key.ts';
import { membershipGeneration } from '../../shared/store/identity.ts';
import { ApiKeyHashEntity, apiKeyGrant, MembershipEntity, OrganizationEntity, UserEmailEntity, UserEntity } from '../../shared/store/entities/identity.ts';
import { loadDevIssuer } from '../../local/dev-issuer.ts';

export const baseUrl = () => inject('baseUrl');

export function demoUser(email: string) {
  const user = inject('credentials').find((candidate) => candidate.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
}

export const admin = () => demoUser('admin@eventlite.fr');
export const colleague = () => demoUser('jmichel@sonopro.fr');
export const outsider = () => demoUser('claire@autreprod.fr');

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function api<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl()}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** Direct table access, only to check what the API left behind (never to arrange API results). */
export function tableClient() {
  return {
    client: DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    ),
    tableName: inject('tableName'),
  };
}

export const uniqueTitle = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

export interface ArrangedMember {
  userId: string;
  email: string;
  organizationId: string;
  apiKey: string;
  accessToken: string;
}

/**
 * An organisation of the test's own, written directly in the table in the shapes the identity
 * repository writes (organisation, users, memberships, API-key hash items with EventLite's default
 * scopes; built by the repository's own item builders), with JWTs from the
 * development issuer. For tests that must not share the demo callers (rate limits) or need
 * members with particular roles.
 */
export async function arrangeOrganization(options: {
  rateLimits?: { standard: number; critical: number };
  members: number;
  /** The same roles for every member, or per member (by index). Default admin. */
  roles?: string[] | ((index: number) => string[]);
  /** An organisation written before the admin counter existed (no `adminCount`). */
  withoutAdminCount?: boolean;
}): Promise<ArrangedMember[]> {
  const { client, tableName } = tableClient();
  const organizationId = `org_t_${randomUUID().slice(0, 8)}`;
  const createdAt = new Date().toISOString();
  const put = (Item: Record<string, unknown>) => client.send(new PutCommand({ TableName: tableName, Item }));
  const rolesOf = (index: number) => (typeof options.roles === 'function' ? options.roles(index) : (options.roles ?? ['admin']));
  const adminCount = Array.from({ length: options.members }, (_, index) => rolesOf(index)).filter((roles) => roles.includes('admin')).length;
  await put(
    OrganizationEntity.toItem({
      id: organizationId,
      name: 'Test production',
      timezone: 'Europe/Paris',
      createdAt,
      ...(options.withoutAdminCount ? {} : { adminCount }),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    }),
  );
  const issuer = loadDevIssuer(inject('issuerKeyDir'));
  const members: ArrangedMember[] = [];
  for (let i = 0; i < options.members; i++) {
    const userId = `user_t_${randomUUID().slice(0, 8)}`;
    const email = `${userId}@example.com`;
    await put(UserEntity.toItem({ id: userId, email, firstName: 'Test', lastName: `Member ${i}`, phone: null, createdAt }));
    await put(UserEmailEntity.toItem({ email, userId }));
    const membership = { organizationId, userId, roles: rolesOf(i), createdAt };
    await put(MembershipEntity.toItem(membership));
    const generated = generateApiKey();
    await put(
      ApiKeyHashEntity.toItem(
        apiKeyGrant(
          {
          id: randomUUID(),
          userId,
          organizationId,
          name: null,
          prefix: generated.displayPrefix,
          createdAt,
          revokedAt: null,
          scopes: [...DEFAULT_API_KEY_SCOPES],
          expiresAt: null,
            membershipGeneration: membershipGeneration(membership),
          },
          generated.hash,
        ),
      ),
    );
    members.push({ userId, email, organizationId, apiKey: generated.secret, accessToken: issuer.issue({ userId, organizationId, expiresInSeconds: 600 }) });
  }
  return members;
}

/** A JWT from the development issuer for any user and organisation (members or not). */
export function tokenFor(userId: string, organizationId: string): string {
  return loadDevIssuer(inject('issuerKeyDir')).issue({ userId, organizationId, expiresInSeconds: 600 });
}

/** A JWT of a person with no organisation claim, as for routes outside any organisation. */
export function personalToken(userId: string): string {
  return loadDevIssuer(inject('issuerKeyDir')).issue({ userId, expiresInSeconds: 600 });
}

/**
 * A person with an account and no organisation, written in the shapes insertUser writes (user
 * and e-mail marker): accounts come from sign-up (Auth0), which no endpoint of this API does.
 */
export async function arrangeUser(profile: { firstName?: string; lastName?: string; phone?: string | null } = {}) {
  const { client, tableName } = tableClient();
  const userId = `user_t_${randomUUID().slice(0, 8)}`;
  // Not derived from the user id, so a test can tell whether an answer discloses the account.
  const email = `person-${randomUUID().slice(0, 8)}@example.com`;
  const put = (Item: Record<string, unknown>) => client.send(new PutCommand({ TableName: tableName, Item }));
  await put(
    UserEntity.toItem({
      id: userId,
      email,
      firstName: profile.firstName ?? 'Test',
      lastName: profile.lastName ?? 'Person',
      phone: profile.phone ?? null,
      createdAt: new Date().toISOString(),
    }),
  );
  await put(UserEmailEntity.toItem({ email, userId }));
  return { userId, email, token: personalToken(userId) };
}

/**
 * A new member through the API: an account (arrangeUser), invited by the organisation's admin,
 * who accepts with their own token. Returns a token of theirs for the organisation.
 */
export async function joinOrganization(
  organization: { id: string; adminToken: string },
  roles: string[],
  profile: { firstName?: string; lastName?: string; phone?: string | null } = {},
) {
  const person = await arrangeUser(profile);
  const invited = await api('POST', '/v1/members', { token: organization.adminToken, headers: { 'x-organization-id': organization.id }, body: { email: person.email, roles } });
  if (invited.status !== 202) throw new Error(`invitation refused: ${invited.status} ${invited.text}`);
  const accepted = await api('POST', `/v1/invitations/${invited.body.invitation_id}/accept`, { token: person.token });
  if (accepted.status !== 200) throw new Error(`acceptance refused: ${accepted.status} ${accepted.text}`);
  return { userId: person.userId, email: person.email, token: tokenFor(person.userId, organization.id) };
}
