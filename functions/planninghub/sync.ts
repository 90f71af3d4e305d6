import { endpoint } from '../../shared/http/endpoint.ts';
import { syncUseCase } from '../../shared/app/sync/sync.ts';
import { syncQuery } from '../../shared/schemas/sync.ts';
import { syncView } from '../../shared/views/sync.ts';

export const handler = endpoint({ surface: 'planninghub', query: syncQuery }, async ({ query, principal }) => {
  const result = await syncUseCase(principal, query.since);
  return { statusCode: 200, headers: { 'Cache-Control': 'private, no-store' }, body: syncView(result) };
});
