/** Cold-start floor of a function granted a queue (the webhook delivery function): DynamoDB document and SQS clients. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const sqsClient = new SQSClient({});

export const handler = async (): Promise<void> => {};
