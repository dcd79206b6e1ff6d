/**
 * Registers the service worker that keeps the application for use without a network (written by
 * offline-shell.ts at build time; the development server has none, and says so in the console).
 * Not gated on import.meta.env.PROD: a build run with NODE_ENV set otherwise (vitest sets "test")
 * is not "production" to Vite, and would have no worker.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
    console.warn('the service worker was not registered', error);
  });
}
