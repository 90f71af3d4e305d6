/** Technician profiles and event crew assignments. */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { batchGet } from './batch-get.ts';
import { CrewMemberEntity, TechnicianProfileEntity } from './entities/technicians.ts';
import { UserEntity } from './entities/identity.ts';
import { queryAll } from './query.ts';
import { isConditionalFailure } from './conditions.ts';
import { DomainError } from '../domain/errors.ts';
import { emptyTechnicianProfile, type CrewAssignment, type EmploymentContract, type Specialization, type TechnicianProfile } from '../domain/technician.ts';
import type { Availability } from '../domain/availability.ts';
import type { User } from './identity.ts';

/** Declared in the domain (views may not import the store); re-exported for the store's callers. */
export type { CrewAssignment };

export async function getTechnicianProfile(organizationId: string, userId: string): Promise<TechnicianProfile | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.technicianProfile(organizationId, userId) }));
  return Item ? TechnicianProfileEntity.fromItem(Item) : null;
}

export async function putTechnicianProfile(profile: TechnicianProfile): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: TechnicianProfileEntity.toItem(profile),
    }),
  );
}

export async function putCrewAssignment(assignment: CrewAssignment): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: CrewMemberEntity.toItem(assignment),
    }),
  );
}

export async function getCrewAssignment(organizationId: string, eventId: string, userId: string): Promise<CrewAssignment | null> {
  const key = keys.crewMember(organizationId, eventId, userId);
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: { pk: key.pk, sk: key.sk } }));
  return Item ? CrewMemberEntity.fromItem(Item) : null;
}

/** The events a user is on the crew of, within one organisation, with the event names. */
export async function listCrewAssignmentsOfUser(userId: string, organizationId: string): Promise<(CrewAssignment & { eventName: string })[]> {
  const where = keys.crewAssignmentsOfUser(userId, organizationId);
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: where.index,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
      Limit: 100,
    }),
  );
  const assignments = Items.map((item) => CrewMemberEntity.fromItem(item));
  if (assignments.length === 0) return [];
  const events = await batchGet(
    assignments.map((assignment) => keys.event(organizationId, assignment.eventId)),
    { attributes: ['id', 'title'] },
  );
  const names = new Map(events.map((item) => [item.id as string, item.title as string]));
  // An assignment whose event was deleted is not a current event.
  return assignments.filter((assignment) => names.has(assignment.eventId)).map((assignment) => ({ ...assignment, eventName: names.get(assignment.eventId)! }));
}


/** Every technician profile of an organisation (one partition, read page by page). */
export async function listTechnicianProfiles(organizationId: string): Promise<TechnicianProfile[]> {
  const where = keys.technicianProfilesOfOrganization(organizationId);
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': where.pk, ':prefix': where.skPrefix },
  });
  return items.map((item) => TechnicianProfileEntity.fromItem(item));
}

/** The profiles of these users in the organisation; users without one are simply absent. */
export async function getTechnicianProfiles(organizationId: string, userIds: readonly string[]): Promise<TechnicianProfile[]> {
  const unique = [...new Set(userIds)];
  const items = await batchGet(unique.map((userId) => keys.technicianProfile(organizationId, userId)));
  return items.map((item) => TechnicianProfileEntity.fromItem(item));
}

/**
 * Replaces what planners manage (specializations, contract) and keeps what the technician
 * declares (availability): attribute-level SETs, so a concurrent availability PATCH is never lost.
 * Creates the profile when there is none.
 */
export async function saveTechnicianQualifications(
  organizationId: string,
  userId: string,
  qualifications: { specializations: Specialization[]; employmentContract: EmploymentContract | null },
  now: Date,
): Promise<{ profile: TechnicianProfile; created: boolean }> {
  const updatedAt = now.toISOString();
  const { Attributes } = await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.technicianProfile(organizationId, userId),
      UpdateExpression:
        'SET entity = :entity, organizationId = :org, userId = :user, specializations = :specializations, employmentContract = :contract, updatedAt = :now, availability = if_not_exists(availability, :empty)',
      ExpressionAttributeValues: {
        ':entity': 'TechnicianProfile',
        ':org': organizationId,
        ':user': userId,
        ':specializations': qualifications.specializations,
        ':contract': qualifications.employmentContract,
        ':now': updatedAt,
        ':empty': {},
      },
      ReturnValues: 'ALL_OLD',
    }),
  );
  const previous = Attributes ? TechnicianProfileEntity.fromItem(Attributes) : null;
  return {
    created: previous === null,
    profile: {
      organizationId,
      userId,
      specializations: qualifications.specializations,
      availability: previous?.availability ?? {},
      employmentContract: qualifications.employmentContract,
      updatedAt,
    },
  };
}

/**
 * Writes the patched dates of a technician's availability, one map entry per date in a single
 * UpdateItem: dates not in the patch are never read nor written, so concurrent PATCHes on
 * different dates cannot lose each other's (on the same date, the last write wins, as it should).
 * A technician without a profile gets a minimal one first.
 */
export async function writeAvailabilityDates(organizationId: string, userId: string, patch: Availability, now: Date): Promise<void> {
  const names: Record<string, string> = { '#availability': 'availability' };
  const values: Record<string, unknown> = { ':now': now.toISOString() };
  const sets = ['updatedAt = :now'];
  const removals: string[] = [];
  Object.entries(patch).forEach(([date, ranges], index) => {
    names[`#d${index}`] = date;
    if (ranges.length > 0) {
      values[`:d${index}`] = ranges;
      sets.push(`#availability.#d${index} = :d${index}`);
    } else {
      removals.push(`#availability.#d${index}`);
    }
  });
  const update = new UpdateCommand({
    TableName: tableName(),
    Key: keys.technicianProfile(organizationId, userId),
    UpdateExpression: `SET ${sets.join(', ')}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`,
    // A nested path needs its map: without it the update would fail, or create a bare item.
    ConditionExpression: 'attribute_type(#availability, :map)',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ...values, ':map': 'M' },
  });
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient.send(update);
      return;
    } catch (error) {
      if (!isConditionalFailure(error) || attempt >= 2) throw error;
      await ensureAvailabilityMap(organizationId, userId, now);
    }
  }
}

/** Creates a minimal profile, or gives an existing one its availability map; never overwrites. */
async function ensureAvailabilityMap(organizationId: string, userId: string, now: Date): Promise<void> {
  const empty = emptyTechnicianProfile(organizationId, userId, now);
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.technicianProfile(organizationId, userId),
      UpdateExpression:
        'SET entity = :entity, organizationId = :org, userId = :user, availability = if_not_exists(availability, :empty), specializations = if_not_exists(specializations, :specializations), employmentContract = if_not_exists(employmentContract, :contract), updatedAt = :now',
      ExpressionAttributeValues: {
        ':entity': 'TechnicianProfile',
        ':org': organizationId,
        ':user': userId,
        ':empty': empty.availability,
        ':specializations': empty.specializations,
        ':contract': empty.employmentContract,
        ':now': empty.updatedAt,
      },
    }),
  );
}

export interface ContactChanges {
  firstName?: string;
  lastName?: string;
  phone?: string | null;
}

/**
 * A user's own contact details. The user item is global (one person, several organisations), so
 * the change shows everywhere. The e-mail is not here: it is the login and a uniqueness marker.
 */
export async function updateUserContact(userId: string, changes: ContactChanges): Promise<User> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [attribute, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    sets.push(`#${attribute} = :${attribute}`);
  }
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.user(userId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return UserEntity.fromItem(Attributes!);
  } catch (error) {
    if (isConditionalFailure(error)) throw DomainError.of('not_found', 'NOT_FOUND.user');
    throw error;
  }
}
