import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build` writes dist/, which the gateway serves at / (gateway/src/web-app.ts). For
// developing pages with hot reload, `npm run dev -w @ecg/web` while `npm start` runs: the dev
// server passes the API and the session routes on to the gateway.
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig(({ command }) => ({
  plugins: [react()],
  // A build is always React's production build, whatever NODE_ENV the shell has (jest sets "test").
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  build: {
    outDir: 'dist',
    // Two pages on one React: the app, and the GraphiQL page the gateway serves at GET /graphql.
    rollupOptions: { input: { app: 'index.html', graphiql: 'graphiql.html' } },
    // GraphiQL (its editors, its language service) is one chunk of about 900 kB, loaded only by staff
    // who open it; the app's own chunk stays far below this.
    chunkSizeWarningLimit: 1000,
    emptyOutDir: true,
    // The page's Content-Security-Policy allows no inline code: keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/graphql': gateway, '/session': gateway, '/exports': gateway } },
}));
