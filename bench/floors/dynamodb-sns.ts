/** Cold-start floor of a function granted a topic: the DynamoDB document client and an SNS client. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const snsClient = new SNSClient({});

export const handler = async (): Promise<void> => {};
