/**
 * Every key of the single table, declared once. Handlers never build keys; repositories call
 * these. Tenant data lives under `ORG#<id>` so no query can cross organisations. The few global
 * namespaces (identity, API-key hashes, public slugs) are looked up by exact key only and each
 * item names its organisation, which the repository checks. See docs/data-model.md.
 */
export interface Key {
  pk: string;
  sk: string;
}

export const keys = {
  organization: (organizationId: string): Key => ({ pk: `ORG#${organizationId}`, sk: 'ORG' }),

  /** Membership of a user in an organisation; gsi1 lists a user's organisations. */
  membership: (organizationId: string, userId: string) => ({
    pk: `ORG#${organizationId}`,
    sk: `MEMBER#${userId}`,
    gsi1pk: `USER#${userId}`,
    gsi1sk: `ORG#${organizationId}`,
  }),
  membershipsOfOrganization: (organizationId: string) => ({ pk: `ORG#${organizationId}`, skPrefix: 'MEMBER#' }),
  membershipsOfUser: (userId: string) => ({ index: 'gsi1' as const, pk: `USER#${userId}`, skPrefix: 'ORG#' }),

  user: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  /** Uniqueness marker: one user per e-mail address. */
  userEmail: (email: string): Key => ({ pk: `EMAIL#${email.trim().toLowerCase()}`, sk: 'EMAIL' }),

  /** Looked up by the authorizer on every request: the hash of the secret is the key. */
  apiKeyByHash: (hash: string): Key => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' }),
  /** The owner's record of a key (to list and revoke it); never holds the secret. */
  apiKeyOfUser: (userId: string, keyId: string): Key => ({ pk: `USER#${userId}`, sk: `APIKEY#${keyId}` }),
  apiKeysOfUser: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'APIKEY#' }),

  event: (organizationId: string, eventId: string): Key => ({ pk: `ORG#${organizationId}`, sk: `EVENT#${eventId}` }),
  /** gsi1: an organisation's events by start date; gsi2: the same, per status. */
  eventIndexes: (organizationId: string, status: string, startAt: string, eventId: string) => ({
    gsi1pk: `ORG#${organizationId}#EVENTS`,
    gsi1sk: `${startAt}#${eventId}`,
    gsi2pk: `ORG#${organizationId}#EVENTS#${status}`,
    gsi2sk: `${startAt}#${eventId}`,
  }),
  eventsOfOrganization: (organizationId: string, status?: string) =>
    status
      ? { index: 'gsi2' as const, pk: `ORG#${organizationId}#EVENTS#${status}` }
      : { index: 'gsi1' as const, pk: `ORG#${organizationId}#EVENTS` },
  /** Public slugs are global (the public page is /e/{slug}); the marker names the event and its organisation. */
  eventSlug: (slug: string): Key => ({ pk: `SLUG#${slug}`, sk: 'SLUG' }),
  /** Everything that belongs to one event (registrations, ...) shares this partition. */
  eventChildren: (organizationId: string, eventId: string) => ({ pk: `ORG#${organizationId}#EVENT#${eventId}` }),
  registration: (organizationId: string, eventId: string, registrationId: string): Key => ({
    pk: `ORG#${organizationId}#EVENT#${eventId}`,
    sk: `REG#${registrationId}`,
  }),
} as const;

/** Attributes that are keys, stripped before an item becomes a domain object. */
export const keyAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity', 'expiresAt'] as const;

export function withoutKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const attribute of keyAttributes) delete copy[attribute];
  return copy as T;
}
