import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/*
 * The installable application shell: a web app manifest (public/manifest.webmanifest) and a
 * service worker written at build time with the list of every file Vite emitted, so that the
 * application opens without a network once it has been loaded (issue 16: the handover point).
 *
 * Hand-written rather than vite-plugin-pwa: the registry's vite-plugin-pwa 2.0 does support Vite
 * 8, but pulls workbox-build (rollup, babel, terser) into the install for what is here a precache
 * of about forty hashed files and one fallback page; this worker is the whole of it and runs
 * without a network as the plugin's would.
 */

/** The worker: precaches the shell, answers pages from it when the network fails, never the API. */
const worker = (
  files: readonly string[],
  version: string,
) => `// Parley's service worker, written at build time (packages/web/offline-shell.ts).
const CACHE = 'parley-shell-${version}';
const FILES = ${JSON.stringify(files)};

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The API and other origins go to the network as they are: data is IndexedDB's, not this cache's.
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/docs')) return;
  if (request.mode === 'navigate') {
    // A page: the network's when there is one (a new build), else the shell kept here.
    event.respondWith(
      fetch(request).catch(() =>
        caches.match('/').then((page) => page || Response.error()),
      ),
    );
    return;
  }
  event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
});
`;

/** Writes sw.js beside index.html with the build's files, versioned by their names. */
export function offlineShell(): Plugin {
  return {
    name: 'parley-offline-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle).filter((name) => !name.endsWith('.map'));
      const files = [
        // The server answers the application's pages with index.html; it has no /index.html.
        '/',
        '/favicon.svg',
        '/manifest.webmanifest',
        ...emitted.filter((name) => name !== 'index.html').map((name) => `/${name}`),
      ];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: worker(files, version) });
    },
  };
}
