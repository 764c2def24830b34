import { defineProject } from 'vitest/config';

// End-to-end tests sync whole sandboxes over HTTP into a database: seconds, not milliseconds.
export default defineProject({
  test: { name: '@csm/test', testTimeout: 120_000, hookTimeout: 60_000 },
});
