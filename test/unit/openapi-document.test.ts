import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildEventLiteDocument } from '../../shared/openapi/eventlite-document.ts';

describe('the served EventLite OpenAPI document', () => {
  it('is the one the manifest and the schemas generate (run `npm run openapi` after changing them)', () => {
    const served = JSON.parse(readFileSync(new URL('../../shared/openapi/eventlite.openapi.json', import.meta.url), 'utf8'));
    expect(served).toEqual(JSON.parse(JSON.stringify(buildEventLiteDocument())));
  });
});
