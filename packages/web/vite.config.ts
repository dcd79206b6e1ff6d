import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { offlineShell } from './offline-shell.ts';

// The server (packages/app) serves dist/; in development, `vite` proxies the API to it.
export default defineConfig({
  root: import.meta.dirname,
  // offlineShell: the service worker that lets the application open without a network.
  plugins: [react(), offlineShell()],
  // Each section's pages are chunks of their own (app/routes.tsx); the main chunk holds React, the
  // router, Mantine, the sign-in and list screens and every translation, about 680 kB (210 kB
  // compressed). The limit warns when it grows well past that.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 750 },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000' },
  },
});
