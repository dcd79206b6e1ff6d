import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';

/** Serves the built web application's index page at /. */
export function webRoutes(webRoot: string): FastifyPluginAsync {
  return async (app) => {
    const indexFile = path.join(webRoot, 'index.html');
    app.get('/', { schema: { hide: true } }, async (_request, reply) => {
      const html = await fs.readFile(indexFile, 'utf8').catch(() => null);
      if (html === null) {
        return reply
          .status(503)
          .type('text/plain')
          .send('The web application is not built: run npm run build -w packages/web');
      }
      return reply.type('text/html; charset=utf-8').send(html);
    });
  };
}
