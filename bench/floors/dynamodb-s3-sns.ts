/** Cold-start floor of a function granted a bucket and a topic: DynamoDB document, S3 and SNS clients. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const s3Client = new S3Client({});
export const snsClient = new SNSClient({});

export const handler = async (): Promise<void> => {};
