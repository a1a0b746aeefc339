/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves dist/ at the site root; `npm run dev` proxies the API to a server started with `dotnet run --project Server`.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': { target: process.env.CONSULTFLOW_SERVER ?? 'http://localhost:5000', changeOrigin: false },
      '/health': { target: process.env.CONSULTFLOW_SERVER ?? 'http://localhost:5000' },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/setup.ts'],
  },
});
