import { defineConfig, defaultClientConditions } from 'vite';

// No React plugin: Vite 8 transforms TSX with oxc (automatic JSX runtime from 'react').
// The 'source' condition makes @rested/shared resolve to its TypeScript source.
const apiTarget = process.env.RESTED_API ?? 'http://localhost:4000';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // react-router and react-query mark their modules "use client" (for RSC); meaningless in an SPA bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget, changeOrigin: false },
    },
  },
});
