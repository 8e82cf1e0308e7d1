import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs on its own port (apps/api, `pnpm dev`); the dev server forwards
// to it so that the app always talks to its own origin, as it does when the API serves it.
const api = process.env['API_URL'] ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/graphql': api, '/healthz': api, '/readyz': api },
  },
});
