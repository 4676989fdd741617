import { defineConfig } from 'vite';

// Hearth's UI is embedded into the Rust binary (ui/dist) and served at `/` with an SPA
// fallback, under a strict CSP (`default-src 'self'`). So the build must emit only external
// .js/.css files: no inline scripts or styles, and no data: URIs for assets.
export default defineConfig({
  base: '/',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    cssCodeSplit: false,
  },
  server: {
    // `npm run dev` against a locally running `hearth serve --port 7878`.
    proxy: {
      '/api': { target: 'http://127.0.0.1:7878', changeOrigin: false },
      '/host-login': { target: 'http://127.0.0.1:7878', changeOrigin: false },
      // The API page's files (built by scripts/api-docs.mjs, served by the binary).
      '^/assets/(swagger-ui|api-docs)': { target: 'http://127.0.0.1:7878', changeOrigin: false },
    },
  },
});
