/**
 * Event documents: the items (shared/store/entities/documents.ts); their objects in the `riders`
 * bucket are in document-objects.ts, so that functions that only read items (shifts) do not
 * bundle the S3 client. Every write of a document is conditioned on the revision it was read at; a new
 * document is written only while its event is open (same condition as a hold, in the same
 * transaction).
 */
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import * as keys from './keys.ts';
import { queryAll } from './query.ts';
import { cancellationReasons, isConditionalFailure, isTransientTransactionFailure } from './conditions.ts';
import { openEventCheck } from './events.ts';
import { DocumentEntity, DocumentVersionEntity, type StoredDocumentVersion } from './entities/documents.ts';
import { DomainError } from '../domain/errors.ts';
import type { DocumentVersion, EventDocument } from '../domain/document.ts';

export const concurrentDocumentUpdate = () => DomainError.of('conflict', 'CONCURRENT_UPDATE.document');

export async function getDocument(organizationId: string, documentId: string, consistent = false): Promise<EventDocument | null> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.document(organizationId, documentId), ConsistentRead: consistent }));
  return Item ? DocumentEntity.fromItem(Item) : null;
}

/** Creates the document while its event exists, is not cancelled and is not being deleted. */
export async function insertDocument(document: EventDocument): Promise<void> {
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: DocumentEntity.toItem(document), ConditionExpression: 'attribute_not_exists(pk)' } },
          { ConditionCheck: openEventCheck(document.organizationId, document.eventId) },
        ],
      }),
    );
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons?.[1] === 'ConditionalCheckFailed') throw DomainError.of('not_found', 'NOT_FOUND.event');
    throw error;
  }
}

/** Replaces the document if it is still at `previousRevision`, with the version item when one is stored. */
export async function saveDocument(document: EventDocument, previousRevision: number, version?: StoredDocumentVersion): Promise<void> {
  const put = {
    TableName: tableName(),
    Item: DocumentEntity.toItem(document),
    ConditionExpression: 'attribute_exists(pk) AND #revision = :previous',
    ExpressionAttributeNames: { '#revision': 'revision' },
    ExpressionAttributeValues: { ':previous': previousRevision },
  };
  try {
    // A shift's transaction checking this document at the same instant is no change of it: a lost
    // race of timing (TransactionConflict) is tried again, the revision condition keeps it safe.
    if (!version) await retryTiming(() => documentClient.send(new PutCommand(put)));
    else {
      await retryTiming(() =>
        documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: put },
              { Put: { TableName: tableName(), Item: DocumentVersionEntity.toItem(version), ConditionExpression: 'attribute_not_exists(pk)' } },
            ],
          }),
        ),
      );
    }
  } catch (error) {
    if (isConditionalFailure(error) || cancellationReasons(error)?.some((reason) => reason === 'ConditionalCheckFailed')) throw concurrentDocumentUpdate();
    throw error;
  }
}

/**
 * The condition a shift's write puts on a document its metadata points at, in the shift's own
 * transaction: the document exists in the organisation (its key), belongs to the shift's event
 * and is ready. A document deleted or moved between a read and the write cannot slip through.
 */
export function readyDocumentCheck(organizationId: string, documentId: string, eventId: string) {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.document(organizationId, documentId),
      ConditionExpression: 'attribute_exists(pk) AND #eventId = :eventId AND #status = :ready',
      ExpressionAttributeNames: { '#eventId': 'eventId', '#status': 'status' },
      ExpressionAttributeValues: { ':eventId': eventId, ':ready': 'ready' },
    },
  };
}

async function retryTiming<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isTransientTransactionFailure(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
    }
  }
}

/** The event's documents (tombstones included: the caller filters), oldest first. */
export async function listDocumentsOfEvent(organizationId: string, eventId: string): Promise<EventDocument[]> {
  const { index, pk } = keys.documentsOfEvent(organizationId, eventId);
  const items = await queryAll({ TableName: tableName(), IndexName: index, KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
  return items.map((item) => DocumentEntity.fromItem(item));
}

/** The event's documents changed at or after `since` (an ISO instant), tombstones included. */
export async function documentsChangedSince(organizationId: string, eventId: string, since: string | undefined): Promise<EventDocument[]> {
  const { index, pk } = keys.documentChangesOfEvent(organizationId, eventId);
  const items = await queryAll({
    TableName: tableName(),
    IndexName: index,
    KeyConditionExpression: since ? 'gsi2pk = :pk AND gsi2sk >= :since' : 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': pk, ...(since ? { ':since': since } : {}) },
  });
  return items.map((item) => DocumentEntity.fromItem(item));
}

export async function listDocumentVersions(organizationId: string, documentId: string): Promise<DocumentVersion[]> {
  const { pk, skPrefix } = keys.versionsOfDocument(organizationId, documentId);
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
    ScanIndexForward: false,
  });
  return items.map((item) => {
    const { organizationId: _o, documentId: _d, ...version } = DocumentVersionEntity.fromItem(item);
    return version;
  });
}

/** Documents by id (for shifts that point at them), tombstones included; unknown ids left out. */
export async function getDocuments(organizationId: string, documentIds: readonly string[]): Promise<EventDocument[]> {
  const found = await Promise.all([...new Set(documentIds)].map((id) => getDocument(organizationId, id)));
  return found.filter((document): document is EventDocument => document !== null);
}
