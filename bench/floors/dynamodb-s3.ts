/** Cold-start floor of a function granted a bucket: the DynamoDB document client and an S3 client. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const s3Client = new S3Client({});

export const handler = async (): Promise<void> => {};
