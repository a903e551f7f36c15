import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway under /dashboard/ (gateway/src/dashboard.ts), from local files only.
export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inline nothing: the page's Content-Security-Policy allows scripts, styles and fonts from 'self' only.
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
