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

export const organization = (organizationId: string): Key => ({ pk: `ORG#${organizationId}`, sk: 'ORG' });

/** Membership of a user in an organisation; gsi1 lists a user's organisations. */
export const membership = (organizationId: string, userId: string) => ({
  pk: `ORG#${organizationId}`,
  sk: `MEMBER#${userId}`,
  gsi1pk: `USER#${userId}`,
  gsi1sk: `ORG#${organizationId}`,
});
export const membershipsOfOrganization = (organizationId: string) => ({ pk: `ORG#${organizationId}`, skPrefix: 'MEMBER#' });
export const membershipsOfUser = (userId: string) => ({ index: 'gsi1' as const, pk: `USER#${userId}`, skPrefix: 'ORG#' });

/**
 * An invitation to join an organisation, one per (organisation, invited e-mail address): a new
 * invitation to the same address replaces the previous one. gsi1 lists the invitations sent to
 * an address, which is the only way an invitee reaches one (their account's e-mail).
 */
export const invitation = (organizationId: string, email: string) => ({
  pk: `ORG#${organizationId}`,
  sk: `INVITATION#${email.trim().toLowerCase()}`,
  gsi1pk: `INVITEE#${email.trim().toLowerCase()}`,
  gsi1sk: `ORG#${organizationId}`,
});
export const invitationsOfOrganization = (organizationId: string) => ({ pk: `ORG#${organizationId}`, skPrefix: 'INVITATION#' });
export const invitationsOfEmail = (email: string) => ({ index: 'gsi1' as const, pk: `INVITEE#${email.trim().toLowerCase()}`, skPrefix: 'ORG#' });

export const user = (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
/** Uniqueness marker: one user per e-mail address. */
export const userEmail = (email: string): Key => ({ pk: `EMAIL#${email.trim().toLowerCase()}`, sk: 'EMAIL' });

/** Looked up by the authorizer on every request: the hash of the secret is the key. */
export const apiKeyByHash = (hash: string): Key => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });
/** The owner's record of a key (to list and revoke it); never holds the secret. */
export const apiKeyOfUser = (userId: string, keyId: string): Key => ({ pk: `USER#${userId}`, sk: `APIKEY#${keyId}` });
export const apiKeysOfUser = (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'APIKEY#' });

/** A technician's profile (skills, contract, availability) within one organisation. */
export const technicianProfile = (organizationId: string, userId: string): Key => ({ pk: `ORG#${organizationId}`, sk: `TECH#${userId}` });
export const technicianProfilesOfOrganization = (organizationId: string) => ({ pk: `ORG#${organizationId}`, skPrefix: 'TECH#' });
/** A technician's allocation (a shift's hold on them): the resource allocation of type `technician`. */
export const technicianAllocation = (organizationId: string, userId: string, startAt: string, allocationId: string): Key =>
  resourceAllocation(organizationId, 'technician', userId, startAt, allocationId);

/** Login failures against one e-mail address (existing or not) from one source IP, expiring by TTL. */
export const loginAttempts = (email: string, sourceIp: string): Key => ({ pk: `LOGIN#${email.trim().toLowerCase()}`, sk: `SOURCE#${sourceIp}` });
/** Login failures from one source IP over every address (password spraying), expiring by TTL. */
export const loginSourceAttempts = (sourceIp: string): Key => ({ pk: `LOGINSOURCE#${sourceIp}`, sk: 'ATTEMPTS' });

/** A user's role on an event's crew; gsi1 lists a user's events. Lives with the event's children. */
export const crewMember = (organizationId: string, eventId: string, userId: string) => ({
  pk: `ORG#${organizationId}#EVENT#${eventId}`,
  sk: `CREW#${userId}`,
  gsi1pk: `USER#${userId}`,
  gsi1sk: `CREW#${organizationId}#${eventId}`,
});
export const crewAssignmentsOfUser = (userId: string, organizationId: string) => ({ index: 'gsi1' as const, pk: `USER#${userId}`, skPrefix: `CREW#${organizationId}#` });

export const event = (organizationId: string, eventId: string): Key => ({ pk: `ORG#${organizationId}`, sk: `EVENT#${eventId}` });
/** Every event item of an organisation, deleting ones included (the counters' backfill recounts them). */
export const eventItemsOfOrganization = (organizationId: string) => ({ pk: `ORG#${organizationId}`, skPrefix: 'EVENT#' });
/** gsi1: an organisation's events by start date; gsi2: the same, per status. */
export const eventIndexes = (organizationId: string, status: string, startAt: string, eventId: string) => ({
  gsi1pk: `ORG#${organizationId}#EVENTS`,
  gsi1sk: `${startAt}#${eventId}`,
  gsi2pk: `ORG#${organizationId}#EVENTS#${status}`,
  gsi2sk: `${startAt}#${eventId}`,
});
export const eventsOfOrganization = (organizationId: string, status?: string) =>
  status
    ? { index: 'gsi2' as const, pk: `ORG#${organizationId}#EVENTS#${status}` }
    : { index: 'gsi1' as const, pk: `ORG#${organizationId}#EVENTS` };
/**
 * An organisation's event counters, one attribute per status: the `total` of its event lists.
 * Moved by ADD in the transaction of every write that creates, deletes or changes the status of
 * an event (shared/store/event-counters.ts); a partition of its own, out of every list's way.
 */
export const eventCounters = (organizationId: string): Key => ({ pk: `ORG#${organizationId}#COUNTERS`, sk: 'EVENTS' });
/** Public slugs are global (the public page is /e/{slug}); the marker names the event and its organisation. */
export const eventSlug = (slug: string): Key => ({ pk: `SLUG#${slug}`, sk: 'SLUG' });
/** Everything that belongs to one event (registrations, ...) shares this partition. */
export const eventChildren = (organizationId: string, eventId: string) => ({ pk: `ORG#${organizationId}#EVENT#${eventId}` });
export const registration = (organizationId: string, eventId: string, registrationId: string): Key => ({
  pk: `ORG#${organizationId}#EVENT#${eventId}`,
  sk: `REG#${registrationId}`,
});
export const registrationsOfEvent = (organizationId: string, eventId: string) => ({ pk: `ORG#${organizationId}#EVENT#${eventId}`, skPrefix: 'REG#' });
/** Uniqueness marker: one live registration per normalised e-mail address and event (docs/registrations.md). */
export const registrationEmail = (organizationId: string, eventId: string, emailKey: string): Key => ({
  pk: `ORG#${organizationId}#EVENT#${eventId}`,
  sk: `REGEMAIL#${emailKey}`,
});
/** The private page's token, by its hash: the page's URL is the only way to it. */
export const registrationToken = (organizationId: string, eventId: string, tokenHash: string): Key => ({
  pk: `ORG#${organizationId}#EVENT#${eventId}`,
  sk: `REGTOKEN#${tokenHash}`,
});
/**
 * The live waitlist, one entry per waitlisted registration, ordered by its time-ordered id:
 * the first entry is the next promoted, and a position is a strongly consistent count.
 */
export const waitlistEntry = (organizationId: string, eventId: string, registrationId: string): Key => ({
  pk: `ORG#${organizationId}#EVENT#${eventId}`,
  sk: `WAIT#${registrationId}`,
});
export const waitlistOfEvent = (organizationId: string, eventId: string) => ({ pk: `ORG#${organizationId}#EVENT#${eventId}`, skPrefix: 'WAIT#' });

/**
 * Equipment catalogue. gsi1 lists an organisation's items per status by category then
 * subcategory; gsi2 lists them per status and subcategory (a subcategory filter without a
 * category). Category and subcategory are `[a-z0-9_]` (schema), so they cannot forge a key.
 */
export const equipment = (organizationId: string, equipmentId: string): Key => ({ pk: `ORG#${organizationId}`, sk: `EQUIPMENT#${equipmentId}` });
export const equipmentIndexes = (organizationId: string, status: string, category: string, subcategory: string, equipmentId: string) => ({
  gsi1pk: `ORG#${organizationId}#EQUIPMENT#${status}`,
  gsi1sk: `${category}#${subcategory}#${equipmentId}`,
  gsi2pk: `ORG#${organizationId}#EQUIPMENT#${status}#SUB#${subcategory}`,
  gsi2sk: `${category}#${equipmentId}`,
});
/** Where to query an organisation's items of one status, narrowed by category and/or subcategory. */
export const equipmentCatalogue = (organizationId: string, status: string, filter: { category?: string; subcategory?: string }) =>
  filter.subcategory !== undefined && filter.category === undefined
    ? { index: 'gsi2' as const, pk: `ORG#${organizationId}#EQUIPMENT#${status}#SUB#${filter.subcategory}`, skPrefix: '' }
    : {
        index: 'gsi1' as const,
        pk: `ORG#${organizationId}#EQUIPMENT#${status}`,
        skPrefix: filter.category === undefined ? '' : filter.subcategory === undefined ? `${filter.category}#` : `${filter.category}#${filter.subcategory}#`,
      };

/**
 * A bookable resource (equipment now, technicians with shifts) keeps its allocations in its own
 * partition, keyed by start so that the ones that can overlap an interval are one bounded range
 * query, next to lock items, one per stripe of time, whose versions the allocations of that
 * stripe bump (shared/store/allocations.ts). For technicians these are the keys of technicianAllocation.
 * A lock covers one stripe (shared/domain/allocation.ts, LOCK_STRIPE_MS) and sorts after every allocation.
 */
export const resourceLock = (organizationId: string, resourceType: string, resourceId: string, stripe: number): Key => ({
  pk: `ORG#${organizationId}#RES#${resourceType}#${resourceId}`,
  sk: `LOCK#${String(stripe).padStart(8, '0')}`,
});
export const resourceAllocation = (organizationId: string, resourceType: string, resourceId: string, startAt: string, allocationId: string): Key => ({
  pk: `ORG#${organizationId}#RES#${resourceType}#${resourceId}`,
  sk: `ALLOC#${startAt}#${allocationId}`,
});
/** The resource's locks from `fromStripe` on (their usage counters bound a stock's use to come). */
export const resourceLocksFrom = (organizationId: string, resourceType: string, resourceId: string, fromStripe: number) => ({
  pk: `ORG#${organizationId}#RES#${resourceType}#${resourceId}`,
  skFrom: `LOCK#${String(fromStripe).padStart(8, '0')}`,
  skTo: 'LOCK#~',
});
/** Allocations starting in `[fromStartAt, toStartAt]`; '~' sorts after every character of an instant and of '#<id>'. */
export const resourceAllocationsStartingBetween = (organizationId: string, resourceType: string, resourceId: string, fromStartAt: string, toStartAt: string) => ({
  pk: `ORG#${organizationId}#RES#${resourceType}#${resourceId}`,
  skFrom: `ALLOC#${fromStartAt}`,
  skTo: `ALLOC#${toStartAt}~`,
});

/** An equipment booking, alone in its partition (read by id to show or cancel it); gsi1: an event's bookings by start. */
export const equipmentBooking = (organizationId: string, bookingId: string): Key => ({ pk: `ORG#${organizationId}#BOOKING#${bookingId}`, sk: 'BOOKING' });
export const equipmentBookingIndexes = (organizationId: string, eventId: string, startAt: string, bookingId: string) => ({
  gsi1pk: `ORG#${organizationId}#EVENT#${eventId}#BOOKINGS`,
  gsi1sk: `${startAt}#${bookingId}`,
});
export const bookingsOfEvent = (organizationId: string, eventId: string) => ({ index: 'gsi1' as const, pk: `ORG#${organizationId}#EVENT#${eventId}#BOOKINGS` });

/**
 * A shift, alone in its partition with its attendance records (one per technician, written by
 * check-in/out without touching the shift's version); gsi1: an event's shifts by start; gsi2:
 * the organisation's shifts by start (shared/store/shifts.ts).
 */
export const shift = (organizationId: string, shiftId: string): Key => ({ pk: `ORG#${organizationId}#SHIFT#${shiftId}`, sk: 'SHIFT' });
export const shiftIndexes = (organizationId: string, eventId: string, startAt: string, shiftId: string) => ({
  gsi1pk: `ORG#${organizationId}#EVENT#${eventId}#SHIFTS`,
  gsi1sk: `${startAt}#${shiftId}`,
  gsi2pk: `ORG#${organizationId}#SHIFTS`,
  gsi2sk: `${startAt}#${shiftId}`,
});
export const shiftsOfEvent = (organizationId: string, eventId: string) => ({ index: 'gsi1' as const, pk: `ORG#${organizationId}#EVENT#${eventId}#SHIFTS` });
export const shiftsOfOrganization = (organizationId: string) => ({ index: 'gsi2' as const, pk: `ORG#${organizationId}#SHIFTS` });
export const shiftAttendance = (organizationId: string, shiftId: string, userId: string): Key => ({ pk: `ORG#${organizationId}#SHIFT#${shiftId}`, sk: `ATTENDANCE#${userId}` });
export const attendanceOfShift = (organizationId: string, shiftId: string) => ({ pk: `ORG#${organizationId}#SHIFT#${shiftId}`, skPrefix: 'ATTENDANCE#' });
/**
 * One item per technician named on a shift (held or in conflict), updated in place by every
 * write of the shift: gsi1 lists a technician's shifts by start, gsi2 the same on one event.
 */
export const technicianShift = (organizationId: string, userId: string, shiftId: string): Key => ({ pk: `ORG#${organizationId}#TECH#${userId}#SHIFTS`, sk: `SHIFT#${shiftId}` });
export const technicianShiftIndexes = (organizationId: string, userId: string, eventId: string, startAt: string, shiftId: string) => ({
  gsi1pk: `ORG#${organizationId}#TECH#${userId}#SHIFTS`,
  gsi1sk: `${startAt}#${shiftId}`,
  gsi2pk: `ORG#${organizationId}#TECH#${userId}#EVENT#${eventId}#SHIFTS`,
  gsi2sk: `${startAt}#${shiftId}`,
});
export const shiftsOfTechnician = (organizationId: string, userId: string, eventId?: string) =>
  eventId === undefined
    ? { index: 'gsi1' as const, pk: `ORG#${organizationId}#TECH#${userId}#SHIFTS` }
    : { index: 'gsi2' as const, pk: `ORG#${organizationId}#TECH#${userId}#EVENT#${eventId}#SHIFTS` };
/**
 * A technician's schedule version, bumped by every shift write that changes what holds them. A
 * shift is written only if it did not move since its labour checks read the technician's other
 * shifts (23 weeks of them: more than the allocation locks' stripes cover).
 */
export const technicianSchedule = (organizationId: string, userId: string): Key => ({ pk: `ORG#${organizationId}#TECH#${userId}#SHIFTS`, sk: 'SCHEDULE' });

/**
 * One outbox record (a domain event waiting for the publisher). A partition per record spreads
 * the writes; the stream carries it to SNS; TTL removes it once consumers had their chance.
 */
export const outboxEvent = (organizationId: string, outboxId: string): Key => ({ pk: `ORG#${organizationId}#OUTBOX#${outboxId}`, sk: 'OUTBOX' });
/** A webhook endpoint; an organisation's endpoints share a partition (listed, and looked up per event, together). */
export const webhookEndpoint = (organizationId: string, endpointId: string): Key => ({ pk: `ORG#${organizationId}#WEBHOOKS`, sk: `WEBHOOK#${endpointId}` });
export const webhookEndpoints = (organizationId: string) => ({ pk: `ORG#${organizationId}#WEBHOOKS`, skPrefix: 'WEBHOOK#' });
/** One delivery of one event to one endpoint (its attempts inside); ids sort by the event's time. */
export const webhookDelivery = (organizationId: string, endpointId: string, deliveryId: string): Key => ({ pk: `ORG#${organizationId}#WEBHOOK#${endpointId}#DELIVERIES`, sk: `DELIVERY#${deliveryId}` });
export const webhookDeliveries = (organizationId: string, endpointId: string) => ({ pk: `ORG#${organizationId}#WEBHOOK#${endpointId}#DELIVERIES`, skPrefix: 'DELIVERY#' });
/** Webhook requests of an organisation on one UTC day (the spec's 1000 a day). */
export const webhookDay = (organizationId: string, day: string): Key => ({ pk: `ORG#${organizationId}#WEBHOOK_DAY#${day}`, sk: 'COUNT' });
/** The maintenance-due event of one item for one threshold and due date: emitted once. */
export const maintenanceNotice = (organizationId: string, equipmentId: string, dueDate: string, threshold: number): Key => ({
  pk: `ORG#${organizationId}#EQUIPMENT#${equipmentId}#MAINTENANCE_NOTICES`,
  sk: `DUE#${dueDate}#T${threshold}`,
});
/**
 * An event document (rider, stage plot, cable plan), alone in its partition with its versions;
 * gsi1: an event's documents by creation; gsi2: the same by last change (offline sync).
 */
export const document = (organizationId: string, documentId: string): Key => ({ pk: `ORG#${organizationId}#DOC#${documentId}`, sk: 'DOC' });
export const documentIndexes = (organizationId: string, eventId: string, createdAt: string, updatedAt: string, documentId: string) => ({
  gsi1pk: `ORG#${organizationId}#EVENT#${eventId}#DOCS`,
  gsi1sk: `${createdAt}#${documentId}`,
  gsi2pk: `ORG#${organizationId}#EVENT#${eventId}#DOCS`,
  gsi2sk: `${updatedAt}#${documentId}`,
});
export const documentsOfEvent = (organizationId: string, eventId: string) => ({ index: 'gsi1' as const, pk: `ORG#${organizationId}#EVENT#${eventId}#DOCS` });
export const documentChangesOfEvent = (organizationId: string, eventId: string) => ({ index: 'gsi2' as const, pk: `ORG#${organizationId}#EVENT#${eventId}#DOCS` });
export const documentVersion = (organizationId: string, documentId: string, version: number): Key => ({
  pk: `ORG#${organizationId}#DOC#${documentId}`,
  sk: `VERSION#${String(version).padStart(6, '0')}`,
});
export const versionsOfDocument = (organizationId: string, documentId: string) => ({ pk: `ORG#${organizationId}#DOC#${documentId}`, skPrefix: 'VERSION#' });

/**
 * A member's calendar feed: looked up by the hash of its secret (the feed URL carries the
 * secret; the item names the organisation and the member), and the member's own record of it.
 */
export const calendarFeedByHash = (hash: string): Key => ({ pk: `CALFEED#${hash}`, sk: 'CALFEED' });
export const calendarFeedOfMember = (organizationId: string, userId: string): Key => ({ pk: `ORG#${organizationId}`, sk: `CALFEED#${userId}` });

/**
 * Rate-limit counter of one caller for one rate class and one fixed window (epoch seconds of its
 * start). A partition per window spreads the writes; TTL removes finished windows.
 * Authenticated callers count per organisation and user; anonymous callers per source address.
 */
export const rateWindow = (caller: { organizationId: string; userId: string } | { sourceIp: string }, rateClass: string, windowStart: number): Key => ({
  pk:
    'sourceIp' in caller
      ? `RATE#IP#${caller.sourceIp}#${rateClass}#${windowStart}`
      : `ORG#${caller.organizationId}#RATE#USER#${caller.userId}#${rateClass}#${windowStart}`,
  sk: 'RATE',
});
/**
 * Idempotency record of one caller's key on one route. The client's key is hashed so its
 * characters (`#` included) cannot shape the key; the route keeps it apart from other endpoints.
 */
export const idempotencyRecord = (caller: { organizationId: string; userId: string } | { sourceIp: string }, routeKey: string, keyHash: string): Key =>
  'sourceIp' in caller
    ? { pk: `IDEMPOTENCY#IP#${caller.sourceIp}#${keyHash}`, sk: `ROUTE#${routeKey}` }
    : { pk: `ORG#${caller.organizationId}#IDEMPOTENCY#${keyHash}`, sk: `USER#${caller.userId}#ROUTE#${routeKey}` };

/** Every rate-window partition key of an authenticated caller matches this (IAM LeadingKeys pattern). */
export const RATE_WINDOW_KEY_PATTERN = 'ORG#*#RATE#*';

type EventIndex = ReturnType<typeof eventsOfOrganization>['index'];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Where a Query of an event index stands after `item`: its ExclusiveStartKey to go on from there. */
export function eventIndexPositionOf(item: Record<string, unknown>, index: EventIndex): Record<string, string> {
  const position: Record<string, string> = {};
  for (const attribute of ['pk', 'sk', `${index}pk`, `${index}sk`]) position[attribute] = String(item[attribute]);
  return position;
}

/**
 * Rebuilds an index position from untrusted input (a client's cursor): the result is the
 * position `keys` would give some event of `organizationId` in the index that
 * `eventsOfOrganization(organizationId, status)` queries, or null. Nothing the client wrote is
 * used as a key unless it equals what the key builders produce.
 */
export function eventIndexPosition(organizationId: string, status: string | undefined, candidate: unknown): Record<string, string> | null {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return null;
  const where = eventsOfOrganization(organizationId, status);
  const fields = candidate as Record<string, unknown>;
  const sk = fields.sk;
  const indexSk = fields[`${where.index}sk`];
  if (typeof sk !== 'string' || !sk.startsWith('EVENT#') || typeof indexSk !== 'string') return null;
  const eventId = sk.slice('EVENT#'.length);
  const startAt = indexSk.slice(0, -(eventId.length + 1));
  if (eventId === '' || indexSk !== `${startAt}#${eventId}` || !ISO_INSTANT.test(startAt)) return null;
  const expected = eventIndexPositionOf(
    { ...event(organizationId, eventId), ...eventIndexes(organizationId, status ?? '', startAt, eventId) },
    where.index,
  );
  const sent = Object.keys(fields);
  if (sent.length !== Object.keys(expected).length || sent.some((attribute) => fields[attribute] !== expected[attribute])) return null;
  return expected;
}

/** Attributes that are keys, stripped before an item becomes a domain object. */
export const keyAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity', 'expiresAt'] as const;

const keyAttributeSet: ReadonlySet<string> = new Set(keyAttributes);

// Copies what is not a key rather than deleting the keys from a copy: `delete` turns an object
// into a dictionary, slower to build and to read for every view that follows (it was the hottest
// function of our own in the request-overhead profile).
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = {};
  for (const attribute of Object.keys(item)) if (!keyAttributeSet.has(attribute)) copy[attribute] = item[attribute];
  return copy as T;
}
