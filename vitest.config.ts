import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/server', 'apps/hubspot-app', 'apps/zendesk-app', 'apps/dashboard', 'test'],
  },
});
