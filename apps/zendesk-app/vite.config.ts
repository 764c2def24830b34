import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { DIST, SRC, writeAppFiles } from './scripts/app-files.ts';

/** manifest.json, translations/ and the logos, written beside assets/ after each build. */
function zendeskAppFiles(): Plugin {
  let packageDir = DIST;
  return {
    name: 'zendesk-app-files',
    apply: 'build',
    configResolved(config) {
      packageDir = dirname(config.build.outDir);
    },
    async writeBundle() {
      await writeAppFiles(packageDir);
    },
  };
}

// Zendesk's layout (zendesk/app_scaffolds, packages/react): dist/manifest.json, dist/translations/,
// dist/assets/ holding iframe.html, the bundle and the logos. Relative URLs: Zendesk serves assets/ from its CDN.
export default defineConfig({
  root: SRC,
  base: './',
  publicDir: false,
  plugins: [react(), zendeskAppFiles()],
  build: {
    outDir: join(DIST, 'assets'),
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: {
      input: { iframe: join(SRC, 'iframe.html') },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: '[name]-[hash].js',
        assetFileNames: '[name].[ext]',
      },
    },
  },
});
