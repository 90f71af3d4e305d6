/**
 * One DynamoDB document client per execution environment, created at module scope so warm
 * invocations reuse its connections. Endpoints come from the standard SDK configuration
 * (AWS_ENDPOINT_URL_DYNAMODB points it at DynamoDB Local), never from code.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { need } from '../config.ts';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export function tableName(): string {
  return need('TABLE_NAME');
}
