/**
 * For tests that call a use case or a store in this process, with an injected clock, against the
 * test runtime's DynamoDB Local (the pattern of the login-counters test): what the clock decides
 * is tested at chosen instants, without sleeping and without rewriting items by hand.
 */
import { inject } from 'vitest';
import type { Actor } from '../../shared/app/actor.ts';
import type { ArrangedMember } from './support.ts';

/** Points this process's repositories at the test runtime's table (the SDK reads these on its first call). */
export function useTestRuntimeTable(): void {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamoDbEndpoint');
  process.env.TABLE_NAME = inject('tableName');
  process.env.AWS_REGION = 'eu-west-3';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
}

/** An arranged member as a use case sees its caller. */
export const actorOf = (member: Pick<ArrangedMember, 'userId' | 'organizationId'>, roles: string[] = ['admin']): Actor => ({
  userId: member.userId,
  organizationId: member.organizationId,
  roles,
  scopes: [],
  authType: 'jwt',
});

export const DAY_MS = 86_400_000;
