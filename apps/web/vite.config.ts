// Builds the web app into apps/web/dist, which the server serves at `/`.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Where `npm run dev` forwards API and model requests (a running `glyph serve`). */
const devServerTarget = process.env.GLYPH_SERVER_URL ?? 'http://127.0.0.1:3000';
const buildId = Date.now().toString(36);

/**
 * Writes `precache.json` (every emitted file plus `/`) so the service worker can cache the whole app
 * on install and the app keeps working offline once loaded, including chunks not yet visited.
 */
function precacheManifest(): Plugin {
  return {
    name: 'glyph-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      // The threaded WASM binary needs cross-origin isolation, which we do not use: never fetched.
      const files = Object.keys(bundle)
        .filter((fileName) => !fileName.endsWith('.map') && !fileName.includes('threaded'))
        .map((fileName) => `/${fileName}`);
      this.emitFile({
        type: 'asset',
        fileName: 'precache.json',
        source: JSON.stringify({ buildId, files: ['/', ...files, '/favicon.svg'] }),
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), precacheManifest()],
  define: { __BUILD_ID__: JSON.stringify(buildId) },
  // The teaching worker imports TF.js and packages/core like the page: ES module workers.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // TF.js is one large lazily loaded chunk; it is never on the first-paint path.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': devServerTarget,
      '/models': devServerTarget,
    },
  },
});
