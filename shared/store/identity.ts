/**
 * Identity repository: organisations, users, memberships and API keys. Memberships live in the
 * table (not only in token claims) so that removing a member takes effect on the next request.
 */
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { keys, withoutKeys } from './keys.ts';
import { cancellationReasons } from './conditions.ts';
import { queryAll } from './query.ts';
import { DomainError } from '../domain/errors.ts';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../domain/time/zoned.ts';

export interface Organization {
  id: string;
  name: string;
  timezone: string;
  createdAt: string;
}

export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  createdAt: string;
  /** Slow salted hash (scrypt) of the local development password; absent for Auth0-only users. */
  passwordHash?: string;
}

export interface Membership {
  organizationId: string;
  userId: string;
  roles: string[];
  createdAt: string;
}

export interface ApiKeyRecord {
  id: string;
  userId: string;
  organizationId: string;
  name: string | null;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export const displayName = (user: Pick<User, 'firstName' | 'lastName'>) => `${user.firstName} ${user.lastName}`.trim();

export async function getUser(userId: string): Promise<User | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.user(userId) }));
  return Item ? withoutKeys<User>(Item) : null;
}

export async function getMembership(organizationId: string, userId: string): Promise<Membership | null> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: { pk: keys.membership(organizationId, userId).pk, sk: keys.membership(organizationId, userId).sk } }),
  );
  return Item ? withoutKeys<Membership>(Item) : null;
}

export async function listMembershipsOfUser(userId: string): Promise<Membership[]> {
  const where = keys.membershipsOfUser(userId);
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: where.index,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
    }),
  );
  return (Items ?? []).map((item) => withoutKeys<Membership>(item));
}

/** Creates an organisation if it does not exist yet (idempotent, for seeding and onboarding). */
export async function ensureOrganization(organization: Organization): Promise<void> {
  await documentClient
    .send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.organization(organization.id), entity: 'Organization', ...organization },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    .catch((error) => {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    });
}

/** Creates a user with its unique e-mail marker; an existing e-mail is a conflict. */
export async function insertUser(user: User): Promise<void> {
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: { ...keys.user(user.id), entity: 'User', ...user }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.userEmail(user.email), entity: 'UserEmail', userId: user.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationReasons(error)?.some((reason) => reason === 'ConditionalCheckFailed')) {
      throw new DomainError('conflict', 'USER_EXISTS', { fr: 'Cet utilisateur existe déjà', en: 'This user already exists' });
    }
    throw error;
  }
}

export async function getUserIdByEmail(email: string): Promise<string | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.userEmail(email) }));
  return (Item?.userId as string | undefined) ?? null;
}

export async function putMembership(membership: Membership): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.membership(membership.organizationId, membership.userId), entity: 'Membership', ...membership },
    }),
  );
}

/** Stores a new key: the hash item the authorizer reads and the owner's record, in one transaction. */
export async function insertApiKey(record: ApiKeyRecord, hash: string): Promise<void> {
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.apiKeyByHash(hash), entity: 'ApiKeyHash', keyId: record.id, userId: record.userId, organizationId: record.organizationId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.apiKeyOfUser(record.userId, record.id), entity: 'ApiKey', ...record, hash },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    }),
  );
}

export async function findApiKeyByHash(hash: string): Promise<{ keyId: string; userId: string; organizationId: string } | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.apiKeyByHash(hash) }));
  if (!Item) return null;
  return { keyId: Item.keyId as string, userId: Item.userId as string, organizationId: Item.organizationId as string };
}

const toApiKeyRecord = (item: Record<string, unknown>): ApiKeyRecord => {
  const { hash: _hash, ...rest } = withoutKeys<ApiKeyRecord & { hash?: string }>(item);
  return rest;
};

export async function listApiKeys(userId: string): Promise<ApiKeyRecord[]> {
  const where = keys.apiKeysOfUser(userId);
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'attribute_not_exists(revokedAt) OR revokedAt = :null',
      ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix, ':null': null },
    }),
  );
  return (Items ?? []).map(toApiKeyRecord);
}

const apiKeyNotFound = () => new DomainError('not_found', 'NOT_FOUND', 'API key not found');

/** Revocation deletes the hash item (the authorizer stops finding it) and stamps the owner's record. */
export async function revokeApiKey(userId: string, keyId: string, now: Date): Promise<void> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.apiKeyOfUser(userId, keyId), ConsistentRead: true }),
  );
  if (!Item || Item.revokedAt) throw apiKeyNotFound();
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: tableName(), Key: keys.apiKeyByHash(Item.hash as string) } },
          {
            Update: {
              TableName: tableName(),
              Key: keys.apiKeyOfUser(userId, keyId),
              UpdateExpression: 'SET revokedAt = :now',
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(revokedAt) OR revokedAt = :null)',
              ExpressionAttributeValues: { ':now': now.toISOString(), ':null': null },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationReasons(error)?.[1] === 'ConditionalCheckFailed') throw apiKeyNotFound();
    throw error;
  }
}

export async function listMembers(organizationId: string): Promise<Membership[]> {
  const where = keys.membershipsOfOrganization(organizationId);
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
  });
  return items.map((item) => withoutKeys<Membership>(item));
}

export async function getUsers(userIds: string[]): Promise<Map<string, User>> {
  const found = new Map<string, User>();
  for (let i = 0; i < userIds.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [tableName()]: { Keys: userIds.slice(i, i + 100).map((id) => ({ ...keys.user(id) })) },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0 && attempt < 5; attempt++) {
      const result: { Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, unknown> } = await documentClient.send(
        new BatchGetCommand({ RequestItems: request }),
      );
      for (const item of result.Responses?.[tableName()] ?? []) {
        const user = withoutKeys<User>(item);
        found.set(user.id, user);
      }
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

/** Adds a membership; an existing one is a conflict (roles change through updateMemberRoles). */
export async function insertMembership(membership: Membership): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.membership(membership.organizationId, membership.userId), entity: 'Membership', ...membership },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
      throw new DomainError('conflict', 'ALREADY_MEMBER', { fr: 'Cette personne est déjà membre', en: 'This person is already a member' });
    }
    throw error;
  }
}

const memberNotFound = () => new DomainError('not_found', 'NOT_FOUND', { fr: 'Membre introuvable', en: 'Member not found' });
const lastAdmin = () =>
  new DomainError('conflict', 'LAST_ADMIN', {
    fr: "L'organisation doit garder au moins un administrateur",
    en: 'The organisation must keep at least one admin',
  });

async function assertAnotherAdminRemains(organizationId: string, userId: string) {
  const admins = (await listMembers(organizationId)).filter((member) => member.roles.includes('admin') && member.userId !== userId);
  if (admins.length === 0) throw lastAdmin();
}

export async function updateMemberRoles(organizationId: string, userId: string, roles: string[]): Promise<Membership> {
  const current = await getMembership(organizationId, userId);
  if (!current) throw memberNotFound();
  if (current.roles.includes('admin') && !roles.includes('admin')) await assertAnotherAdminRemains(organizationId, userId);
  const key = keys.membership(organizationId, userId);
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: key.pk, sk: key.sk },
        UpdateExpression: 'SET #roles = :roles',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: { ':roles': roles },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<Membership>(Attributes!);
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') throw memberNotFound();
    throw error;
  }
}

/** Removing the membership is enough to cut access: the authorizer reads it on every request. */
export async function removeMembership(organizationId: string, userId: string): Promise<void> {
  const current = await getMembership(organizationId, userId);
  if (!current) throw memberNotFound();
  if (current.roles.includes('admin')) await assertAnotherAdminRemains(organizationId, userId);
  const key = keys.membership(organizationId, userId);
  await documentClient.send(new DeleteCommand({ TableName: tableName(), Key: { pk: key.pk, sk: key.sk } }));
}

const zoneCache = new Map<string, { timeZone: string; until: number }>();
const ZONE_CACHE_MS = 60_000;

/**
 * The organisation's IANA time zone, in which local dates, availability ranges and timelines are
 * read (Europe/Paris when unset or unknown). Cached for a minute per execution environment: it is
 * configuration, read by most PlanningHub requests.
 */
export async function getOrganizationTimeZone(organizationId: string): Promise<string> {
  const cached = zoneCache.get(organizationId);
  if (cached && cached.until > Date.now()) return cached.timeZone;
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.organization(organizationId), ProjectionExpression: '#tz', ExpressionAttributeNames: { '#tz': 'timezone' } }),
  );
  const stored = Item?.timezone;
  const timeZone = typeof stored === 'string' && isValidTimeZone(stored) ? stored : DEFAULT_TIME_ZONE;
  zoneCache.set(organizationId, { timeZone, until: Date.now() + ZONE_CACHE_MS });
  return timeZone;
}
