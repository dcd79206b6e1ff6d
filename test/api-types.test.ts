import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_DOCUMENT_FILE, API_TYPES_FILE, apiContractFiles } from '../scripts/api-types.ts';

// A stream of server-sent events (text/event-stream), not one JSON answer: what each event
// carries is said in the route's description.
const STREAMS = ['GET /api/v1/events 200'];

let generated: { document: string; types: string };
beforeAll(async () => {
  generated = await apiContractFiles();
});

describe("the web's API contract", () => {
  it('is what the server gives now: run `npm run api:types` after changing a route', async () => {
    const { document, types } = generated;
    expect(await fs.readFile(API_DOCUMENT_FILE, 'utf8')).toBe(document);
    expect(await fs.readFile(API_TYPES_FILE, 'utf8')).toBe(types);
  });

  it('gives every answer of every route a schema: a route without one is `unknown` to the web', () => {
    const spec = JSON.parse(generated.document) as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    const untyped = Object.entries(spec.paths).flatMap(([route, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.entries(operation.responses ?? {})
          .filter(([status, response]) => status !== '204' && response.content === undefined)
          .map(([status]) => `${method.toUpperCase()} ${route} ${status}`),
      ),
    );
    expect(untyped.sort()).toEqual([...STREAMS].sort());
  });
});
