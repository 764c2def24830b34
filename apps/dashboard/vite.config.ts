import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ under /dashboard (apps/server/src/dashboard/dashboard-assets.ts); every
// page path falls back to index.html and the app routes in the browser. Nothing is fetched from a CDN.
export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
