import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and real SQLite files: a few at a time on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
