import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

// Components render in jsdom with a stubbed ZAFClient; the scripts' tests (manifest check, zip) run in node.
export default defineProject({
  plugins: [react()],
  test: {
    name: 'zendesk-app',
    include: ['test/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
  },
});
