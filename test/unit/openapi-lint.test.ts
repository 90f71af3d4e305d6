/**
 * Both OpenAPI documents, as committed and served, lint clean with the two linters client
 * generators and API catalogues use: Spectral's `spectral:oas` ruleset and Redocly's `recommended`
 * one. Any problem fails, whatever its severity; the response and request examples are checked
 * against their schemas by both (oas3-valid-media-example, no-invalid-media-type-examples).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { createConfig, lintFromString } from '@redocly/openapi-core';

// CommonJS packages: their named exports are on the default export under Node's ESM loader.
const { Spectral, Document } = spectralCore;
const { Json } = spectralParsers;

const documents = [
  { surface: 'EventLite', file: '../../shared/openapi/eventlite.openapi.json', discovery: '/api/v1/openapi' },
  { surface: 'PlanningHub', file: '../../shared/openapi/planninghub.openapi.json', discovery: '/v1/openapi' },
];

/**
 * The one rule set aside, at two places (docs/openapi.md, "Linting"): `operation-4xx-response`
 * on the discovery routes, a static public document without parameters, body or rate limit,
 * which no request can make fail with a 4xx.
 */
const pointerOf = (path: string) => `#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/get/responses`;

async function spectralProblems(source: string, path: string) {
  const spectral = new Spectral();
  spectral.setRuleset({ extends: [oas] } as never);
  const results = await spectral.run(new Document(source, Json, path));
  return results.map((result) => `spectral ${result.code} (severity ${result.severity}) at ${result.path.join('.')}: ${result.message}`);
}

async function redoclyProblems(source: string, path: string, discovery: string) {
  const config = await createConfig({ extends: ['recommended'] }, { ignore: { [path]: { 'operation-4xx-response': new Set([pointerOf(discovery)]) } } });
  const problems = await lintFromString({ source, absoluteRef: path, config });
  return problems
    .filter((problem) => !problem.ignored)
    .map((problem) => `redocly ${problem.ruleId} (${problem.severity}) at ${problem.location[0]?.pointer}: ${problem.message}`);
}

describe.each(documents)('the $surface OpenAPI document', ({ file, discovery }) => {
  const path = fileURLToPath(new URL(file, import.meta.url));
  const source = readFileSync(path, 'utf8');

  it('has no error, warning, information or hint with Spectral (spectral:oas)', { timeout: 120_000 }, async () => {
    // act
    const problems = await spectralProblems(source, path);
    // assess
    expect(problems).toEqual([]);
  });

  it('has no error or warning with Redocly (recommended)', { timeout: 120_000 }, async () => {
    // act
    const problems = await redoclyProblems(source, path, discovery);
    // assess
    expect(problems).toEqual([]);
  });
});
