import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// In development the API runs on its own port (apps/api, `pnpm dev`); the dev server forwards
// to it so that the app always talks to its own origin, as it does when the API serves it.
const api = process.env['API_URL'] ?? 'http://localhost:4000';

export default defineConfig(({ mode }) => ({
  plugins: [react()],
  resolve: {
    // react-router's package exports only its development build to bundlers; take the
    // production one (no dev warnings) for the shipped app.
    alias:
      mode === 'production'
        ? [{ find: /^react-router$/, replacement: fileURLToPath(new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url)) }]
        : [],
  },
  server: {
    proxy: { '/graphql': api, '/healthz': api, '/readyz': api },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
  },
}));
