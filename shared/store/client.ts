/**
 * One DynamoDB document client per execution environment, created at module scope so warm
 * invocations reuse its connections. Endpoints and retries come from the standard SDK
 * configuration, never from code: AWS_ENDPOINT_URL_DYNAMODB points it at DynamoDB Local, and
 * AWS_MAX_ATTEMPTS (3 when unset, the SDK's default) bounds its retries of throttling and 5xx. A
 * retried TransactWriteItems keeps its ClientRequestToken, so a retry of a write that landed
 * answers success instead of writing twice.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { need } from '../config.ts';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export function tableName(): string {
  return need('TABLE_NAME');
}
