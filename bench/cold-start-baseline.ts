/**
 * The cold-start yardstick: the least a function of this product loads, one DynamoDB document
 * client created at module scope. Every function's init time is judged against this bundle's.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (): Promise<void> => {};
