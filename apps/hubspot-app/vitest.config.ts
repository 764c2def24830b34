import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'hubspot-app',
    include: ['test/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
