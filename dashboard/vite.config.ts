import { defineConfig, defaultClientConditions } from 'vite';

// No React plugin: Vite 8 transforms TSX with oxc (automatic JSX runtime from 'react').
// The 'source' condition makes @rested/shared resolve to its TypeScript source.
const apiTarget = process.env.RESTED_API ?? 'http://localhost:4000';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget, changeOrigin: false },
    },
  },
});
