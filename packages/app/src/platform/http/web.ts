import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

// The browser application's own paths: each answers with index.html and the router takes over.
const APP_PATHS = [
  '/',
  '/sign-in',
  '/password',
  '/tokens',
  '/choose',
  '/inbox',
  '/m/*',
  '/admin',
  '/admin/*',
  // The family's status page, reached without signing in.
  '/family',
  // The handover point's work without a network, read from the browser's own store.
  '/offline',
  '/offline/*',
];
const ASSET_NAME = /^[A-Za-z0-9._-]+$/;
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const NOT_BUILT = 'The web application is not built: run npm run build -w packages/web';

/** Serves the built web application: its pages, and the hashed files Vite writes under assets/. */
export function webRoutes(webRoot: string): FastifyPluginAsync {
  return async (app) => {
    const indexFile = path.join(webRoot, 'index.html');
    const sendIndex = async (reply: FastifyReply) => {
      const html = await fs.readFile(indexFile, 'utf8').catch(() => null);
      if (html === null) return reply.status(503).type('text/plain').send(NOT_BUILT);
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    };
    for (const url of APP_PATHS) {
      app.get(url, { schema: { hide: true }, config: { rule: 'public' } }, (_request, reply) =>
        sendIndex(reply),
      );
    }
    const sendFile = async (reply: FastifyReply, folder: string, name: string) => {
      const type = CONTENT_TYPES[path.extname(name)];
      // Only plain names of known types, so that no request reaches outside the folder.
      if (!ASSET_NAME.test(name) || name.startsWith('.') || !type) return reply.callNotFound();
      const content = await fs.readFile(path.join(folder, name)).catch(() => null);
      if (content === null) return reply.callNotFound();
      return reply.type(type).send(content);
    };
    app.get<{ Params: { name: string } }>(
      '/assets/:name',
      { schema: { hide: true }, config: { rule: 'public' } },
      async (request, reply) => {
        // Vite names these by content hash, so a browser may keep them for good.
        reply.header('cache-control', 'public, max-age=31536000, immutable');
        return sendFile(reply, path.join(webRoot, 'assets'), request.params.name);
      },
    );
    // The service worker and the app manifest: read afresh each time, so that a new build reaches
    // the browsers that keep the application for use without a network.
    for (const name of ['sw.js', 'manifest.webmanifest'])
      app.get(
        `/${name}`,
        { schema: { hide: true }, config: { rule: 'public' } },
        async (_request, reply) => {
          reply.header('cache-control', 'no-cache');
          return sendFile(reply, webRoot, name);
        },
      );
    app.get(
      '/favicon.svg',
      { schema: { hide: true }, config: { rule: 'public' } },
      async (_request, reply) => sendFile(reply, webRoot, 'favicon.svg'),
    );
  };
}
