import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration tests start real processes and sockets; two workers suit the 2-core machines.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
