import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@csm/server',
    // Each file opens PGlite (and PostgreSQL in CI) and imports the whole server: seconds, not ms.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
