import { defineConfig } from 'vitest/config';

// Three suites: pure unit tests beside the code, integration tests against real servers,
// and end-to-end tests in a real browser. The slower two run one file at a time because
// they share PostgreSQL, Dovecot and a fixed set of loopback ports.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'channels/**/*.test.ts', 'db/**/*.test.ts', 'inbox-ui/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Every channel folder against the same contract, with its own fixtures and fake API.
        test: { name: 'contract', include: ['test/contract/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        // Property-based tests (fast-check), bounded in runs so CI time stays fixed.
        test: { name: 'fuzz', include: ['test/fuzz/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Cases that exist only with a database server (Workers over Hyperdrive); DATABASE_URL required.
        test: {
          name: 'postgres',
          include: ['test/postgres/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Authorization matrix, sign-in limits, sessions, CSRF, headers (a real server each).
        test: { name: 'security', include: ['test/security/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
      },
      {
        // PostgreSQL stopped, processes killed, mail servers failing mid-work; DATABASE_URL required.
        test: { name: 'faults', include: ['test/faults/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
