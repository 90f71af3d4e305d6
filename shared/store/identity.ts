/**
 * Identity repository: organisations, users, memberships and API keys. Memberships live in the
 * table (not only in token claims) so that removing a member takes effect on the next request.
 */
import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { batchGet } from './batch-get.ts';
import { ApiKeyEntity, ApiKeyHashEntity, apiKeyGrant, InvitationEntity, MembershipEntity, OrganizationEntity, UserEmailEntity, UserEntity } from './entities/identity.ts';
import { cancellationReasons, isConditionalFailure, isTransientTransactionFailure } from './conditions.ts';
import { queryAll } from './query.ts';
import { DomainError } from '../domain/errors.ts';
import { RETRY, withRetry, type AttemptOutcome } from '../domain/retry.ts';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../domain/time/local-date.ts';
import { displayName, type ApiKeyRecord, type Invitation, type InvitationStatus, type Membership, type User } from '../domain/identity.ts';

/** Declared in the domain (views may not import the store); re-exported for the store's callers. */
export { displayName, type ApiKeyRecord, type Invitation, type InvitationStatus, type Membership, type User };

export interface Organization {
  id: string;
  name: string;
  timezone: string;
  createdAt: string;
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

export async function getUser(userId: string): Promise<User | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.user(userId) }));
  return Item ? UserEntity.fromItem(Item) : null;
}

export async function getMembership(organizationId: string, userId: string, consistent = false): Promise<Membership | null> {
  const key = keys.membership(organizationId, userId);
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: { pk: key.pk, sk: key.sk }, ConsistentRead: consistent }));
  return Item ? MembershipEntity.fromItem(Item) : null;
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
  return (Items ?? []).map((item) => MembershipEntity.fromItem(item));
}

/** Creates an organisation if it does not exist yet (idempotent, for seeding and onboarding). */
export async function ensureOrganization(organization: Organization): Promise<void> {
  await documentClient
    .send(
      new PutCommand({
        TableName: tableName(),
        Item: OrganizationEntity.toItem(organization),
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
          { Put: { TableName: tableName(), Item: UserEntity.toItem(user), ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: tableName(),
              Item: UserEmailEntity.toItem({ email: user.email, userId: user.id }),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationReasons(error)?.some((reason) => reason === 'ConditionalCheckFailed')) {
      throw DomainError.of('conflict', 'USER_EXISTS');
    }
    throw error;
  }
}

export async function getUserIdByEmail(email: string): Promise<string | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.userEmail(email) }));
  return (Item?.userId as string | undefined) ?? null;
}

/**
 * Writes a membership as is (the local seed). It bypasses the admin counter, so it drops it in the
 * same transaction: the next admin change counts the memberships again (ensureAdminCount).
 */
export async function putMembership(membership: Membership): Promise<void> {
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: MembershipEntity.toItem(membership) } },
        {
          Update: {
            TableName: tableName(),
            Key: keys.organization(membership.organizationId),
            UpdateExpression: 'REMOVE adminCount',
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ],
    }),
  );
}

const notMemberAnyMore = () =>
  DomainError.of('forbidden', 'FORBIDDEN.no_longer_member');

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
          { Put: { TableName: tableName(), Item: ApiKeyHashEntity.toItem(apiKeyGrant(record, hash)), ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: tableName(),
              Item: ApiKeyEntity.toItem({ ...record, hash }),
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
  return Item ? ApiKeyHashEntity.fromItem(Item) : null;
}

const toApiKeyRecord = (item: Record<string, unknown>): ApiKeyRecord => {
  const { hash: _hash, ...record } = ApiKeyEntity.fromItem(item);
  return record;
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

const apiKeyNotFound = () => DomainError.of('not_found', 'NOT_FOUND.api_key');

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
  return items.map((item) => MembershipEntity.fromItem(item));
}

export async function getUsers(userIds: string[]): Promise<Map<string, User>> {
  const found = new Map<string, User>();
  // BatchGetItem refuses a list holding the same key twice.
  for (const item of await batchGet([...new Set(userIds)].map((id) => keys.user(id)))) {
    const user = UserEntity.fromItem(item);
    found.set(user.id, user);
  }
  return found;
}

const memberNotFound = () => DomainError.of('not_found', 'NOT_FOUND.member');
const lastAdmin = () =>
  DomainError.of('conflict', 'LAST_ADMIN');
const alreadyMember = () => DomainError.of('conflict', 'ALREADY_MEMBER');

const isAdmin = (roles: readonly string[]) => roles.includes('admin');

/**
 * Organisations written before the counter existed get it once, counted from their memberships
 * (strongly consistent) and set only if still absent. No admin change can commit in between:
 * every one of them conditions on the counter (ADD with attribute_exists, or adminCount > 1).
 */
async function ensureAdminCount(organizationId: string): Promise<void> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.organization(organizationId), ConsistentRead: true, ProjectionExpression: 'adminCount' }),
  );
  if (typeof Item?.adminCount === 'number') return;
  const where = keys.membershipsOfOrganization(organizationId);
  const members = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
    ConsistentRead: true,
  });
  const count = members.filter((item) => Array.isArray(item.roles) && isAdmin(item.roles as string[])).length;
  await documentClient
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.organization(organizationId),
        UpdateExpression: 'SET adminCount = :count',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(adminCount)',
        ExpressionAttributeValues: { ':count': count },
      }),
    )
    .catch((error) => {
      if (!isConditionalFailure(error)) throw error;
    });
}

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/** The counter's share of a membership change: one admin fewer only while another remains. */
function adminCountChange(organizationId: string, delta: -1 | 0 | 1): TransactItems {
  if (delta === 0) return [];
  return [
    {
      Update: {
        TableName: tableName(),
        Key: keys.organization(organizationId),
        UpdateExpression: 'ADD adminCount :delta',
        ConditionExpression: delta < 0 ? 'adminCount > :one' : 'attribute_exists(adminCount)',
        ExpressionAttributeValues: delta < 0 ? { ':delta': -1, ':one': 1 } : { ':delta': 1 },
      },
    },
  ];
}

/** The membership was read with (or without) `admin`; the write holds only if that is still so. */
const adminnessCondition = (wasAdmin: boolean) => (wasAdmin ? 'attribute_exists(pk) AND contains(#roles, :admin)' : 'attribute_exists(pk) AND NOT contains(#roles, :admin)');

/**
 * Runs a transaction, telling apart what each cancelled item means. Conflicts with a concurrent
 * transaction on the same items (real DynamoDB cancels instead of waiting) and a membership that
 * changed since it was read are tried again from a fresh read, under the one retry policy.
 */
async function transactOrRetry<T>(build: () => Promise<{ items: TransactItems; onCancel: (reasons: string[]) => AttemptOutcome<T> | never; result: T }>): Promise<T> {
  return withRetry(
    async () => {
      const { items, onCancel, result } = await build();
      try {
        await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
        return { done: result };
      } catch (error) {
        const reasons = cancellationReasons(error);
        const conflict = isTransientTransactionFailure(error);
        if (!reasons && !conflict) throw error;
        return conflict ? RETRY : onCancel(reasons!);
      }
    },
    // Out of attempts: the members are being changed by many requests at once; the client retries.
    () => DomainError.of('conflict', 'CONCURRENT_UPDATE.members'),
  );
}

export async function updateMemberRoles(organizationId: string, userId: string, roles: string[]): Promise<Membership> {
  const key = keys.membership(organizationId, userId);
  return transactOrRetry(async () => {
    const current = await getMembership(organizationId, userId, true);
    if (!current) throw memberNotFound();
    const delta = (Number(isAdmin(roles)) - Number(isAdmin(current.roles))) as -1 | 0 | 1;
    if (delta !== 0) await ensureAdminCount(organizationId);
    return {
      items: [
        {
          Update: {
            TableName: tableName(),
            Key: { pk: key.pk, sk: key.sk },
            UpdateExpression: 'SET #roles = :roles',
            ConditionExpression: adminnessCondition(isAdmin(current.roles)),
            ExpressionAttributeNames: { '#roles': 'roles' },
            ExpressionAttributeValues: { ':roles': roles, ':admin': 'admin' },
          },
        },
        ...adminCountChange(organizationId, delta),
      ],
      // The membership went away or changed its admin role meanwhile: read it again.
      onCancel: (reasons) => {
        if (reasons[0] === 'ConditionalCheckFailed') return { retry: true };
        if (reasons[1] === 'ConditionalCheckFailed') throw lastAdmin();
        return { retry: true };
      },
      result: { ...current, roles },
    };
  });
}

/**
 * Removing the membership is enough to cut access: the authorizer reads it on every request.
 * One transaction, so that whatever else must go with a membership can join it.
 */
export async function removeMembership(organizationId: string, userId: string): Promise<void> {
  const key = keys.membership(organizationId, userId);
  await transactOrRetry(async () => {
    const current = await getMembership(organizationId, userId, true);
    if (!current) throw memberNotFound();
    const wasAdmin = isAdmin(current.roles);
    if (wasAdmin) await ensureAdminCount(organizationId);
    return {
      items: [
        {
          Delete: {
            TableName: tableName(),
            Key: { pk: key.pk, sk: key.sk },
            ConditionExpression: adminnessCondition(wasAdmin),
            ExpressionAttributeNames: { '#roles': 'roles' },
            ExpressionAttributeValues: { ':admin': 'admin' },
          },
        },
        ...adminCountChange(organizationId, wasAdmin ? -1 : 0),
      ],
      onCancel: (reasons) => {
        if (reasons[0] === 'ConditionalCheckFailed') return { retry: true };
        if (reasons[1] === 'ConditionalCheckFailed') throw lastAdmin();
        return { retry: true };
      },
      result: undefined,
    };
  });
}

const invitationNotFound = () => DomainError.of('not_found', 'NOT_FOUND.invitation');

/** Stands for "no account with this address": a membership key no user id can produce. */
const NO_ACCOUNT = '-';

export const newInvitationId = () => `inv_${randomUUID()}`;

/**
 * Stores a new invitation (shared/domain/invitation.ts builds it). The same reads and the same
 * one transaction whether or not the address has an account (the answer and its timing must not
 * tell): the invitation is put, and the membership of the address's account (or of a key no user
 * has) is checked absent. A new invitation to the same address replaces the previous one.
 */
export async function createInvitation(invitation: Invitation): Promise<Invitation> {
  const userId = (await getUserIdByEmail(invitation.email)) ?? NO_ACCOUNT;
  const membership = keys.membership(invitation.organizationId, userId);
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { ConditionCheck: { TableName: tableName(), Key: { pk: membership.pk, sk: membership.sk }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: tableName(),
              Item: InvitationEntity.toItem(invitation),
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw alreadyMember();
    throw error;
  }
  return invitation;
}

/** Pending and declined invitations of the organisation (accepted ones are memberships now). */
export async function listInvitationsOfOrganization(organizationId: string): Promise<Invitation[]> {
  const where = keys.invitationsOfOrganization(organizationId);
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: '#status <> :accepted',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix, ':accepted': 'accepted' },
  });
  return items.map((item) => InvitationEntity.fromItem(item));
}

/** Withdraws an invitation that was not accepted; it disappears for the invitee too. */
export async function revokeInvitation(organizationId: string, invitationId: string): Promise<void> {
  const found = (await listInvitationsOfOrganization(organizationId)).find((invitation) => invitation.id === invitationId);
  if (!found) throw invitationNotFound();
  const key = keys.invitation(organizationId, found.email);
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: { pk: key.pk, sk: key.sk },
        ConditionExpression: 'id = :id AND #status <> :accepted',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':id': invitationId, ':accepted': 'accepted' },
      }),
    );
  } catch (error) {
    if (isConditionalFailure(error)) throw invitationNotFound();
    throw error;
  }
}

/** Every invitation sent to this address, whatever its state. */
export async function listInvitationsOfEmail(email: string): Promise<Invitation[]> {
  const where = keys.invitationsOfEmail(email);
  const items = await queryAll({
    TableName: tableName(),
    IndexName: where.index,
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
  });
  return items.map((item) => InvitationEntity.fromItem(item));
}

/**
 * The invitation `invitationId` as the user may see it, whatever its state: only through the
 * invitations sent to their account's address, so an id of someone else's invitation is null.
 */
export async function findInvitationOfUser(userId: string, invitationId: string): Promise<Invitation | null> {
  const user = await getUser(userId);
  if (!user) return null;
  return (await listInvitationsOfEmail(user.email)).find((candidate) => candidate.id === invitationId) ?? null;
}

/** The write holds only on the invitation as it was judged answerable: same id, pending, valid at `now`. */
const pendingCondition = {
  ConditionExpression: 'id = :id AND #status = :pending AND validUntil > :now',
  names: { '#status': 'status' },
};

/**
 * Accepting creates the membership with the invited roles in the same transaction as the
 * invitation's change of status, conditioned on the invitation still pending and valid at `now`,
 * the membership absent and, for an admin invitation, the organisation's admin counter. Null when
 * the invitation's condition failed (it changed since it was read): nothing was written, and the
 * caller reads it again to say why.
 */
export async function acceptInvitation(invitation: Invitation, userId: string, now: Date): Promise<Membership | null> {
  const membership: Membership = { organizationId: invitation.organizationId, userId, roles: invitation.roles, createdAt: now.toISOString() };
  const key = keys.invitation(invitation.organizationId, invitation.email);
  const admin = isAdmin(invitation.roles);
  return transactOrRetry<Membership | null>(async () => {
    if (admin) await ensureAdminCount(invitation.organizationId);
    return {
      items: [
        {
          Update: {
            TableName: tableName(),
            Key: { pk: key.pk, sk: key.sk },
            UpdateExpression: 'SET #status = :accepted, respondedAt = :respondedAt',
            ConditionExpression: pendingCondition.ConditionExpression,
            ExpressionAttributeNames: pendingCondition.names,
            ExpressionAttributeValues: { ':id': invitation.id, ':pending': 'pending', ':now': now.toISOString(), ':accepted': 'accepted', ':respondedAt': now.toISOString() },
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: MembershipEntity.toItem(membership),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...adminCountChange(invitation.organizationId, admin ? 1 : 0),
      ],
      onCancel: (reasons) => {
        if (reasons[1] === 'ConditionalCheckFailed') throw alreadyMember();
        if (reasons[0] === 'ConditionalCheckFailed') return { done: null };
        // The admin counter was absent (ensureAdminCount sets it on the next attempt).
        return { retry: true };
      },
      result: membership,
    };
  });
}

/**
 * Records the invitee's decline, conditioned as acceptance is; false when the invitation changed
 * since it was read (nothing written).
 */
export async function declineInvitation(invitation: Invitation, now: Date): Promise<boolean> {
  const key = keys.invitation(invitation.organizationId, invitation.email);
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: key.pk, sk: key.sk },
        UpdateExpression: 'SET #status = :declined, respondedAt = :now',
        ConditionExpression: pendingCondition.ConditionExpression,
        ExpressionAttributeNames: pendingCondition.names,
        ExpressionAttributeValues: { ':id': invitation.id, ':pending': 'pending', ':now': now.toISOString(), ':declined': 'declined' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

/** Names of organisations, for an invitee who is not (yet) a member of them. */
export async function getOrganizationNames(organizationIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const organizationId of new Set(organizationIds)) {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName(), Key: keys.organization(organizationId), ProjectionExpression: '#name', ExpressionAttributeNames: { '#name': 'name' } }),
    );
    if (typeof Item?.name === 'string') names.set(organizationId, Item.name);
  }
  return names;
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
