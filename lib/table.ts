/**
 * The single table, declared once. The CDK stack and the local runtime (DynamoDB Local) both
 * build the table from this object, so there is no second copy of the schema.
 * Access patterns and key shapes are documented in docs/data-model.md; key builders live in
 * shared/store/keys.ts.
 */
export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items with this attribute (epoch seconds) are removed by DynamoDB's TTL sweeper. */
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ] satisfies IndexDefinition[],
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['indexName'];

/** SNS topics, one per event family (shared/domain/topics.ts, docs/webhooks.md). */
export { topicNames, type TopicName } from '../shared/domain/topics.ts';

/** S3 buckets: technical riders (PlanningHub) and cover images (EventLite). */
export const bucketNames = ['riders', 'cover-images'] as const;
export type BucketName = (typeof bucketNames)[number];

/** CORS for browser and mobile clients, shared by the HTTP API, the buckets and the local gateway. */
export const corsPolicy = {
  allowOrigins: ['*'],
  allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: [
    'Authorization',
    'Content-Type',
    'Idempotency-Key',
    'If-Match',
    'X-Organization-ID',
    'X-Event-ID',
    'X-Request-Id',
    'Accept-Language',
  ],
  exposeHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'ETag'],
  maxAgeSeconds: 600,
} as const;
