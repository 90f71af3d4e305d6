import { defineConfig } from 'vitest/config';

// Four projects: pure unit tests (no emulators), integration tests (HTTP through the local gateway
// over DynamoDB Local and fauxqs, started once per run by the global setup), the registration races
// (the same, run after the others) and infrastructure tests (CDK assertions and cdk-nag).
export default defineConfig({
  test: {
    projects: [
      // Unit tests read the logs; the integration setup silences them in the shared environment.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', env: { LOG_SILENT: 'false' } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/registrations-races.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The 200-at-once registration burst, alone after the others (its own local runtime): on a
      // 2-core machine shared with every other file, DynamoDB Local's transactions queue past the
      // local gateway's 30 s Lambda deadline (docs/registrations.md, "Races").
      {
        test: {
          name: 'races',
          include: ['test/integration/registrations-races.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 180_000 } },
    ],
  },
});
