import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { lazyDocument } from '../../shared/openapi/compressed-document.ts';
import { decompressText } from '../../shared/compressed-text.ts';
import { buildEventLiteDocument } from '../../shared/openapi/eventlite-document.ts';
import { compressedDocument as eventLiteCompressed } from '../../shared/openapi/eventlite.openapi.compressed.ts';
import { buildPlanningHubDocument } from '../../shared/openapi/planninghub-document.ts';
import { compressedDocument as planningHubCompressed } from '../../shared/openapi/planninghub.openapi.compressed.ts';

/** The functions serve the compressed modules; the JSON files are for the clients' generator, the tests and people. */
const surfaces = [
  { name: 'eventlite', compressed: eventLiteCompressed, build: buildEventLiteDocument },
  { name: 'planninghub', compressed: planningHubCompressed, build: buildPlanningHubDocument },
];

describe.each(surfaces)('the compressed $name OpenAPI document the function bundles', ({ name, compressed, build }) => {
  it('decodes to exactly the document the manifest and the schemas generate (run `npm run openapi` after changing them)', async () => {
    // act
    const decoded = decompressText(compressed);
    // assess: the same document, then the same text (keys in the same order: the response is the same bytes)
    const expected = JSON.stringify(build());
    expect(JSON.parse(decoded)).toEqual(JSON.parse(expected));
    expect(decoded === expected, 'the same text as the generated document').toBe(true);
  });

  it('decodes to the JSON file committed beside it', async () => {
    // prepare
    const file = readFileSync(new URL(`../../shared/openapi/${name}.openapi.json`, import.meta.url), 'utf8');
    // act
    const decoded = decompressText(compressed);
    // assess
    expect(decoded === JSON.stringify(JSON.parse(file)), 'the same text as the JSON file, compacted').toBe(true);
  });

  it('is decoded once: every request gets the same parsed object', async () => {
    // prepare
    const load = lazyDocument(compressed);
    // act
    const [first, second] = await Promise.all([load(), load()]);
    const third = await load();
    // assess
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(first).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });
});
