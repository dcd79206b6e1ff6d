import type { Database } from '../platform/db/kysely.ts';
import { buildApp } from '../app.ts';
import { buildTestServices } from './factories.ts';

/** The HTTP application over a test database, never listening: tests call `inject`. */
export function buildTestApp(db: Database, options: { maxUploadBytes?: number } = {}) {
  return buildApp({
    ...buildTestServices(db),
    maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024,
  });
}

/** A multipart/form-data body with one file part, as a browser's upload form sends it. */
export function multipartFile(filename: string, content: string | Buffer) {
  const boundary = `----parley${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
