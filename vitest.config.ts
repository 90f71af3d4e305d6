import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests (no emulators), integration tests (HTTP through the local gateway
// over DynamoDB Local and fauxqs, started once per run by the global setup) and infrastructure
// tests (CDK assertions and cdk-nag).
export default defineConfig({
  test: {
    projects: [
      // Unit tests read the logs; the integration setup silences them in the shared environment.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', env: { LOG_SILENT: 'false' } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          // Every gateway response is checked against the OpenAPI documents (test/integration/response-contract.ts).
          setupFiles: ['test/integration/setup-contract.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 180_000 } },
    ],
  },
});
