import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

// Pages render in jsdom against a stubbed fetch that answers with fixtures shaped like the server's
// dashboard API (the browser test in test/src runs them against the real server).
export default defineProject({
  plugins: [react()],
  test: {
    name: 'dashboard',
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
  },
});
