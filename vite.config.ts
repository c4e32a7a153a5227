// Builds the renderer into dist/renderer. The CSP <meta> tag is filled from the same constant the app and harness send.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/csp.ts';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    { name: 'content-security-policy', transformIndexHtml: (html) => html.replace('%CSP%', CONTENT_SECURITY_POLICY) },
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    reportCompressedSize: false,
  },
});
