/**
 * Integration-test setup (vitest `setupFiles`): every response a test receives from the local
 * gateway, through api() (support.ts), the typed clients or a direct fetch, is checked against the
 * OpenAPI documents (response-contract.ts); a response that departs from them fails the test.
 * `CONTRACT_SURVEY=<file>` appends the departures to that file instead of failing, to list every
 * drift of a run at once.
 */
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';
import { contractFetch, responseContract } from './response-contract.ts';

const survey = process.env.CONTRACT_SURVEY;
globalThis.fetch = contractFetch(
  globalThis.fetch,
  () => inject('baseUrl'),
  responseContract(),
  survey ? (violations) => appendFileSync(survey, `${violations.join('\n')}\n`) : undefined,
);
