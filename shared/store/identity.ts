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
  scopes: string[];
  /** Epoch seconds (the table's TTL attribute, so DynamoDB sweeps expired keys); null = no expiry. */
  expiresAt: number | null;
  /** The membership the key was issued under (see membershipGeneration). */
  membershipGeneration: string;
}

/** What the authorizer reads for a key; absent fields (keys issued before scopes) stay undefined. */
export interface ApiKeyGrant {
  keyId: string;
  userId: string;
  organizationId: string;
  scopes: string[];
  expiresAt: number | null;
  membershipGeneration: string | undefined;
}

/**
 * Which incarnation of a membership this is: its creation instant. Removing a member and adding
 * them back writes a new membership with a new `createdAt`, so keys issued under the old one no
 * longer match, whatever order the removal, the re-adding and the key's revocation happen in.
 */
export const membershipGeneration = (membership: Pick<Membership, 'createdAt'>) => membership.createdAt;

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

/** The membership item, as every writer of memberships (and the test fixtures) stores it. */
export const membershipItem = (membership: Membership) => ({
  ...keys.membership(membership.organizationId, membership.userId),
  entity: 'Membership',
  ...membership,
});

export async function putMembership(membership: Membership): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: membershipItem(membership) }));
}

/** The item the authorizer finds a key by: everything it decides on, nothing else. */
export const apiKeyHashItem = (record: ApiKeyRecord, hash: string) => ({
  ...keys.apiKeyByHash(hash),
  entity: 'ApiKeyHash',
  keyId: record.id,
  userId: record.userId,
  organizationId: record.organizationId,
  scopes: record.scopes,
  membershipGeneration: record.membershipGeneration,
  ...(record.expiresAt !== null ? { expiresAt: record.expiresAt } : {}),
});

const notMemberAnyMore = () =>
  new DomainError('forbidden', 'FORBIDDEN', { fr: "Vous n'êtes plus membre de cette organisation", en: 'You are no longer a member of this organisation' });

/**
 * Stores a new key: the hash item the authorizer reads and the owner's record, in one
 * transaction, on condition that the membership it is issued under still exists unchanged (a
 * member removed meanwhile gets no key that outlives the removal's revocation).
 */
export async function insertApiKey(record: ApiKeyRecord, hash: string): Promise<void> {
  const membershipKey = keys.membership(record.organizationId, record.userId);
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: apiKeyHashItem(record, hash), ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.apiKeyOfUser(record.userId, record.id), entity: 'ApiKey', ...record, hash },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: { pk: membershipKey.pk, sk: membershipKey.sk },
              // membershipGeneration() is the membership's createdAt.
              ConditionExpression: 'createdAt = :generation',
              ExpressionAttributeValues: { ':generation': record.membershipGeneration },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationReasons(error)?.[2] === 'ConditionalCheckFailed') throw notMemberAnyMore();
    throw error;
  }
}

export async function findApiKeyByHash(hash: string): Promise<ApiKeyGrant | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.apiKeyByHash(hash) }));
  if (!Item) return null;
  return {
    keyId: Item.keyId as string,
    userId: Item.userId as string,
    organizationId: Item.organizationId as string,
    scopes: Array.isArray(Item.scopes) ? (Item.scopes as string[]) : [],
    expiresAt: typeof Item.expiresAt === 'number' ? Item.expiresAt : null,
    membershipGeneration: typeof Item.membershipGeneration === 'string' ? Item.membershipGeneration : undefined,
  };
}

const toApiKeyRecord = (item: Record<string, unknown>): ApiKeyRecord => {
  const { hash: _hash, ...rest } = withoutKeys<ApiKeyRecord & { hash?: string }>(item);
  // expiresAt is the table's TTL attribute, which withoutKeys strips as storage plumbing.
  return { ...rest, scopes: rest.scopes ?? [], expiresAt: typeof item.expiresAt === 'number' ? item.expiresAt : null };
};

const LIVE_KEY = '(attribute_not_exists(revokedAt) OR revokedAt = :null) AND (attribute_not_exists(expiresAt) OR expiresAt = :null OR expiresAt > :now)';

/** The user's keys that still work (not revoked, not expired). */
export async function listApiKeys(userId: string, now = new Date()): Promise<ApiKeyRecord[]> {
  const where = keys.apiKeysOfUser(userId);
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: LIVE_KEY,
      ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix, ':null': null, ':now': Math.floor(now.getTime() / 1000) },
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

/**
 * Revokes every key a user holds in one organisation, for good (their removal from it). Each key
 * goes as revokeApiKey does: hash item deleted, record stamped. Keys the user holds in other
 * organisations stay. The authorizer's generation check already refuses these keys; deleting
 * them keeps the table honest and lets nothing depend on that check alone.
 */
export async function revokeApiKeysOfMember(organizationId: string, userId: string, now = new Date()): Promise<number> {
  const where = keys.apiKeysOfUser(userId);
  const items = await queryAll({
    TableName: tableName(),
    ConsistentRead: true,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: 'organizationId = :org AND (attribute_not_exists(revokedAt) OR revokedAt = :null)',
    ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix, ':org': organizationId, ':null': null },
  });
  for (const item of items) {
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: tableName(), Key: keys.apiKeyByHash(item.hash as string) } },
            {
              Update: {
                TableName: tableName(),
                Key: keys.apiKeyOfUser(userId, item.id as string),
                UpdateExpression: 'SET revokedAt = :now',
                ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(revokedAt) OR revokedAt = :null)',
                ExpressionAttributeValues: { ':now': now.toISOString(), ':null': null },
              },
            },
          ],
        }),
      );
    } catch (error) {
      // Revoked by its owner meanwhile: already done.
      if (cancellationReasons(error)?.[1] !== 'ConditionalCheckFailed') throw error;
    }
  }
  return items.length;
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
    await documentClient.send(new PutCommand({ TableName: tableName(), Item: membershipItem(membership), ConditionExpression: 'attribute_not_exists(pk)' }));
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
