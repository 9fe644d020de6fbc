import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/shared/**/*.test.ts', 'test/main/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/renderer/**/*.test.tsx'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
