/**
 * Cold-start variant (bench/cold-start-variants.ts, issue 13): shared/store/client.ts with the
 * DynamoDB client wrapped by Powertools Tracer (which loads aws-xray-sdk-core), so every SDK call
 * would be a subsegment of the function's trace. Never deployed.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { need } from '../../shared/config.ts';

const tracer = new Tracer({ serviceName: 'stagecrew' });

export const documentClient = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({ maxAttempts: 3 })), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export function tableName(): string {
  return need('TABLE_NAME');
}
