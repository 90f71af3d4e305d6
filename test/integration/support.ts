/** HTTP helpers for integration tests: real requests to the local gateway. */
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { keys } from '../../shared/store/keys.ts';
import { DEFAULT_API_KEY_SCOPES, generateApiKey } from '../../shared/domain/api-key.ts';
import { apiKeyHashItem, membershipGeneration, membershipItem } from '../../shared/store/identity.ts';
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
  roles?: string[];
}): Promise<ArrangedMember[]> {
  const { client, tableName } = tableClient();
  const organizationId = `org_t_${randomUUID().slice(0, 8)}`;
  const createdAt = new Date().toISOString();
  const put = (Item: Record<string, unknown>) => client.send(new PutCommand({ TableName: tableName, Item }));
  await put({
    ...keys.organization(organizationId),
    entity: 'Organization',
    id: organizationId,
    name: 'Test production',
    timezone: 'Europe/Paris',
    createdAt,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const issuer = loadDevIssuer(inject('issuerKeyDir'));
  const members: ArrangedMember[] = [];
  for (let i = 0; i < options.members; i++) {
    const userId = `user_t_${randomUUID().slice(0, 8)}`;
    await put({ ...keys.user(userId), entity: 'User', id: userId, email: `${userId}@example.com`, firstName: 'Test', lastName: `Member ${i}`, phone: null, createdAt });
    const membership = { organizationId, userId, roles: options.roles ?? ['admin'], createdAt };
    await put(membershipItem(membership));
    const generated = generateApiKey();
    await put(
      apiKeyHashItem(
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
    );
    members.push({ userId, organizationId, apiKey: generated.secret, accessToken: issuer.issue({ userId, organizationId, expiresInSeconds: 600 }) });
  }
  return members;
}

/** A JWT from the development issuer for any user and organisation (members or not). */
export function tokenFor(userId: string, organizationId: string): string {
  return loadDevIssuer(inject('issuerKeyDir')).issue({ userId, organizationId, expiresInSeconds: 600 });
}
