import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the API process under /explorer/.
export default defineConfig({
  base: '/explorer/',
  plugins: [react()],
  build: { chunkSizeWarningLimit: 4000 },
});
