/**
 * Identity as the rest of the code sees it: users, memberships, invitations and API keys. The
 * store (shared/store/identity.ts) maps them to and from items; views shape them for the wire.
 */

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

export const displayName = (user: Pick<User, 'firstName' | 'lastName'>) => `${user.firstName} ${user.lastName}`.trim();

export type InvitationStatus = 'pending' | 'accepted' | 'declined';

export interface Invitation {
  id: string;
  organizationId: string;
  email: string;
  roles: string[];
  status: InvitationStatus;
  invitedBy: string;
  createdAt: string;
  /** ISO instant after which the invitation can no longer be accepted (TTL removes it later). */
  validUntil: string;
  respondedAt?: string;
}
