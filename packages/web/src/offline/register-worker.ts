/**
 * Registers the service worker that keeps the application for use without a network (written by
 * offline-shell.ts at build time; the development server has none).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
    console.warn('the service worker was not registered', error);
  });
}
