import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@csm/accounts',
    // Tests open PGlite (and PostgreSQL schemas in CI): seconds on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
