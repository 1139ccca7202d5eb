import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The browser UI. Built into apps/web/dist, which the API serves at `/`
 * (apps/api/src/web). `npm run dev:web` proxies /api and /health to an API
 * on PLS_API (default http://localhost:3000).
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      // Reference data (categories, value lists, date checks) is shared with the API: pure TypeScript.
      '@pls/reference': here('../../libs/reference/src'),
    },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.PLS_API ?? 'http://localhost:3000', changeOrigin: false },
      '/health': { target: process.env.PLS_API ?? 'http://localhost:3000' },
    },
  },
});
