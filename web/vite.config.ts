import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  // The published typed client, from its source in this repository (clients/typescript).
  resolve: {
    alias: {
      '@stockroom/client': fileURLToPath(new URL('../clients/typescript/src/index.ts', import.meta.url)),
    },
  },
  // Every screen is a lazy chunk (app.tsx), and the chart library (Recharts and the d3 parts it
  // uses) is one chunk of its own, fetched with the first chart: the main chunk is the shell only.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Only the chart library itself: React and the rest it uses stay in the shell.
          includeDependenciesRecursively: false,
          groups: [
            {
              name: 'charts',
              test: /node_modules[\\/](recharts|d3-|victory-vendor|decimal\.js-light|@reduxjs|react-redux|reselect|immer|eventemitter3|redux)/,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
