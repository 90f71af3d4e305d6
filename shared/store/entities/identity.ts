/** Identity entities: organisations, users and their e-mail markers, memberships, invitations, API keys. */
import { defineEntity, indexAttributes, primaryKey } from '../entity.ts';
import * as keys from '../keys.ts';
import { withoutKeys } from '../keys.ts';
import type { ApiKeyGrant, ApiKeyRecord, Invitation, Membership, Organization, User } from '../identity.ts';

/**
 * `adminCount` is the number of memberships holding `admin`, kept exact by the identity store's
 * transactions; absent on organisations written before it existed (counted once when needed).
 * `rateLimits` are the organisation's own limits (a plan feature, read by the rate limiter).
 */
export const OrganizationEntity = defineEntity<Organization & { adminCount?: number; rateLimits?: { standard?: number; critical?: number } }>({
  name: 'Organization',
  key: (organization) => keys.organization(organization.id),
});

export const UserEntity = defineEntity<User>({ name: 'User', key: (user) => keys.user(user.id) });

/** Uniqueness marker, one per address: the address is only its key. */
export const UserEmailEntity = defineEntity<{ email: string; userId: string }, ReturnType<typeof keys.userEmail>, { userId: string }>({
  name: 'UserEmail',
  key: (marker) => keys.userEmail(marker.email),
  encode: ({ userId }) => ({ userId }),
  decode: (item) => ({ userId: item.userId as string }),
});

export const MembershipEntity = defineEntity<Membership>({
  name: 'Membership',
  key: (membership) => primaryKey(keys.membership(membership.organizationId, membership.userId)),
  indexes: (membership) => indexAttributes(keys.membership(membership.organizationId, membership.userId)),
});

/** TTL (epoch seconds, rounded up) at the end of its validity, so DynamoDB sweeps lapsed invitations. */
export const InvitationEntity = defineEntity<Invitation>({
  name: 'Invitation',
  key: (invitation) => primaryKey(keys.invitation(invitation.organizationId, invitation.email)),
  indexes: (invitation) => indexAttributes(keys.invitation(invitation.organizationId, invitation.email)),
  extra: (invitation) => ({ expiresAt: Math.ceil(Date.parse(invitation.validUntil) / 1000) }),
});

/**
 * The owner's record of a key, with the hash that names its authorizer item (to revoke both).
 * `expiresAt` is the table's TTL attribute, null when the key never expires.
 */
export const ApiKeyEntity = defineEntity<ApiKeyRecord & { hash: string }>({
  name: 'ApiKey',
  key: (record) => keys.apiKeyOfUser(record.userId, record.id),
  decode: (item) => {
    const record = withoutKeys<ApiKeyRecord & { hash: string }>(item);
    return { ...record, scopes: record.scopes ?? [], expiresAt: typeof item.expiresAt === 'number' ? item.expiresAt : null };
  },
});

/** The item the authorizer finds a key by, keyed by the secret's hash: everything it decides on, nothing else. */
export const ApiKeyHashEntity = defineEntity<ApiKeyGrant & { hash: string }, ReturnType<typeof keys.apiKeyByHash>, ApiKeyGrant>({
  name: 'ApiKeyHash',
  key: (grant) => keys.apiKeyByHash(grant.hash),
  encode: (grant) => ({
    keyId: grant.keyId,
    userId: grant.userId,
    organizationId: grant.organizationId,
    scopes: grant.scopes,
    membershipGeneration: grant.membershipGeneration,
    ...(grant.expiresAt !== null ? { expiresAt: grant.expiresAt } : {}),
  }),
  // Keys issued before scopes, expiry or generations read back with the defaults.
  decode: (item) => ({
    keyId: item.keyId as string,
    userId: item.userId as string,
    organizationId: item.organizationId as string,
    scopes: Array.isArray(item.scopes) ? (item.scopes as string[]) : [],
    expiresAt: typeof item.expiresAt === 'number' ? item.expiresAt : null,
    membershipGeneration: typeof item.membershipGeneration === 'string' ? item.membershipGeneration : undefined,
  }),
});

/** The grant an API key record stores under its hash. */
export const apiKeyGrant = (record: ApiKeyRecord, hash: string): ApiKeyGrant & { hash: string } => ({
  hash,
  keyId: record.id,
  userId: record.userId,
  organizationId: record.organizationId,
  scopes: record.scopes,
  expiresAt: record.expiresAt,
  membershipGeneration: record.membershipGeneration,
});
