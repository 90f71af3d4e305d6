/** Technician profiles and event crew assignments. */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { keys, withoutKeys } from './keys.ts';
import type { TechnicianProfile } from '../domain/technician.ts';

export async function getTechnicianProfile(organizationId: string, userId: string): Promise<TechnicianProfile | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.technicianProfile(organizationId, userId) }));
  return Item ? withoutKeys<TechnicianProfile>(Item) : null;
}

export async function putTechnicianProfile(profile: TechnicianProfile): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.technicianProfile(profile.organizationId, profile.userId), entity: 'TechnicianProfile', ...profile },
    }),
  );
}

export interface CrewAssignment {
  organizationId: string;
  eventId: string;
  userId: string;
  role: string;
}

export async function putCrewAssignment(assignment: CrewAssignment): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.crewMember(assignment.organizationId, assignment.eventId, assignment.userId), entity: 'CrewMember', ...assignment },
    }),
  );
}

export async function getCrewAssignment(organizationId: string, eventId: string, userId: string): Promise<CrewAssignment | null> {
  const key = keys.crewMember(organizationId, eventId, userId);
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: { pk: key.pk, sk: key.sk } }));
  return Item ? withoutKeys<CrewAssignment>(Item) : null;
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
  const assignments = Items.map((item) => withoutKeys<CrewAssignment>(item));
  if (assignments.length === 0) return [];
  const { Responses } = await documentClient.send(
    new BatchGetCommand({
      RequestItems: {
        [tableName()]: {
          Keys: assignments.map((assignment) => keys.event(organizationId, assignment.eventId)),
          ProjectionExpression: 'id, title',
        },
      },
    }),
  );
  const names = new Map((Responses?.[tableName()] ?? []).map((item) => [item.id as string, item.title as string]));
  // An assignment whose event was deleted is not a current event.
  return assignments.filter((assignment) => names.has(assignment.eventId)).map((assignment) => ({ ...assignment, eventName: names.get(assignment.eventId)! }));
}
