/**
 * The typed clients' types (clients/*.ts) are generated from the committed OpenAPI documents by
 * `npm run client` (run by `npm run openapi`): this fails while they are stale.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_SURFACES, clientTypes, pathOf } from '../../scripts/generate-clients.ts';

describe('typed clients', () => {
  it.each(CLIENT_SURFACES)('$types is what npm run client writes from $document', async (surface) => {
    // act
    const expected = await clientTypes(JSON.parse(readFileSync(pathOf(surface.document), 'utf8')));
    // assess
    expect(readFileSync(pathOf(surface.types), 'utf8') === expected, 'stale: run npm run client').toBe(true);
  }, 120_000);
});
