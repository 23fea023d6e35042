import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Content-Security-Policy the built page ships with, as a meta tag so any
 * static host serves it. Everything comes from the page's own origin; no
 * inline script or style (React sets styles through the DOM, which CSP
 * allows). frame-ancestors cannot be set from a meta tag: that one is the
 * host's (a header), so a docs page may embed the playground or not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Adds the policy to the built index.html only: the dev server injects inline scripts (React refresh). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'kube-playground-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  // Relative asset URLs so dist/ works when served from any sub-path.
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    // Offline after the first visit: a service worker precaches the whole build. A new build is
    // not taken silently: the page shows "new version, reload" (src/ui/components/UpdatePrompt.tsx).
    VitePWA({
      registerType: 'prompt',
      // Registered from the app's own bundle (virtual:pwa-register/react): no inline script.
      injectRegister: false,
      manifest: {
        name: 'Kube Playground',
        short_name: 'Kube Playground',
        description: 'See how Kubernetes behaves when things break.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#326ce5',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        // The engine's worker bundle is the largest file.
        maximumFileSizeToCacheInBytes: 8 * 2 ** 20,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // A guard against hangs, not a speed check: the heavier property runs take seconds on 2 busy cores.
    testTimeout: 20_000,
  },
});
