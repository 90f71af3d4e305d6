/**
 * Packages some functions must not bundle (docs/bench.md, "Trimmed imports"): at cold start a
 * bundle's import cost grows with its bytes whether the code runs or not, so a function that signs
 * tokens must not carry the verifier, and one that only names a time zone or formats an instant
 * must not carry @date-fns/tz's TZDate. Bundled as the stack bundles them (bench/lambda-bundle.ts),
 * in memory, and judged on esbuild's metafile.
 */
import { describe, expect, it } from 'vitest';
import * as esbuild from 'esbuild';
import { routes } from '../../lib/manifest.ts';
import { lambdaBuildOptions } from '../../bench/lambda-bundle.ts';

const entryOf = (id: string) => {
  const route = routes.find((candidate) => candidate.id === id);
  if (!route) throw new Error(`no route ${id}`);
  return route.entry;
};

/** Input paths of each function's bundle that contain `needle`, by function id. */
async function inputsMatching(ids: string[], needle: string): Promise<Record<string, string[]>> {
  const result = await esbuild.build({
    ...lambdaBuildOptions,
    sourcemap: false,
    entryPoints: Object.fromEntries(ids.map((id) => [id, entryOf(id)])),
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const found: Record<string, string[]> = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const id = /([A-Za-z]+)\.js$/.exec(file)?.[1];
    if (!id || !ids.includes(id)) continue;
    // A module shaken down to nothing is listed with 0 bytes: only what is in the output counts.
    found[id] = Object.entries(output.inputs)
      .filter(([input, { bytesInOutput }]) => input.includes(needle) && bytesInOutput > 0)
      .map(([input]) => input);
  }
  return found;
}

describe('trimmed bundles', () => {
  it('Login signs tokens without bundling aws-jwt-verify', async () => {
    // prepare
    const ids = ['Login'];
    // act
    const found = await inputsMatching(ids, 'node_modules/aws-jwt-verify/');
    // assess
    expect(found).toEqual({ Login: [] });
  }, 120_000);

  it('functions that only name a zone or format an instant do not bundle TZDate', async () => {
    // prepare: identity, registrations, webhooks, API keys, EventLite events, equipment views, shift views
    const ids = ['AddMember', 'Login', 'CreateApiKey', 'GetRegistration', 'ListRegistrations', 'CancelRegistration', 'CreateWebhook', 'ListMembers', 'CreateEvent', 'UpdateEvent'];
    // act
    const found = await inputsMatching(ids, 'node_modules/@date-fns/tz/date/');
    // assess
    expect(found).toEqual(Object.fromEntries(ids.map((id) => [id, []])));
  }, 120_000);

  it('functions that parse only a parameter or a query do not build their area\'s other schemas', async () => {
    // prepare: each function, and the schema module it must not bundle (docs/schemas.md, rule 6)
    const avoided: Record<string, string> = {
      GetTechnician: 'shared/schemas/technicians.ts',
      ListTechnicians: 'shared/schemas/technicians.ts',
      ListProductionEvents: 'shared/schemas/planninghub-events.ts',
      GetEquipment: 'shared/schemas/equipment-queries.ts',
      CreateEquipment: 'shared/schemas/equipment-queries.ts',
      GetRegistration: 'shared/schemas/registrations.ts',
      CancelRegistration: 'shared/schemas/registrations.ts',
      UpdateAvailability: 'shared/schemas/availability.ts',
      TestWebhook: 'node_modules/zod/v4/mini/coerce.js', // the deliveries' query, the only coercion of the webhook routes
      RevokeApiKey: 'shared/schemas/api-keys.ts',
      RemoveMember: 'shared/schemas/planninghub-identity.ts',
      UpdateMember: 'shared/schemas/planninghub-identity.ts',
    };
    // act
    const found = await Promise.all(Object.entries(avoided).map(async ([id, module]) => [id, (await inputsMatching([id], module))[id]] as const));
    // assess
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(Object.keys(avoided).map((id) => [id, []])));
  }, 180_000);
});
