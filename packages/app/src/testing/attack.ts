import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR, mayHoldPermission, ROLES, type Role } from '../modules/access/index.ts';
import type { Database } from '../platform/db/kysely.ts';
import type { Services } from '../services.ts';
import { buildFile, buildMechanism, csvOf } from './factories.ts';
import { adminSession, buildTestApp, multipartFile, tokenFor } from './http.ts';

/**
 * An attacker's requests, generated: every route of the API called by every role (and by
 * nobody), with path parameters, queries and bodies shaped like the route's own schema but
 * holding hostile text (NUL, lone surrogates, huge, SQL, markup), wrong types and broken
 * multipart. For the property test of the write routes and the attack benchmark.
 */

/** A caller: a role's API token, the admin's session, or nobody. */
export interface Caller {
  name: string;
  headers: Record<string, string>;
  principal: {
    isSystem: false;
    isAdmin: boolean;
    grants: Array<{ mechanismId: string; role: Role; party: string | null }>;
  } | null;
}

export interface AttackTarget {
  app: FastifyInstance;
  services: Services;
  mechanismId: string;
  agreementId: string;
  callers: Caller[];
  /** Every route but signing the admin's own session out (which would end the run's session). */
  routes: Array<{ method: string; url: string; rule: string }>;
  /** The JSON schema of each route's body and query, from the API's own OpenAPI document. */
  schemas: Map<string, { body?: JsonSchema; query: Record<string, JsonSchema> }>;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  format?: string;
  const?: unknown;
}

const LIST = csvOf([
  ['record_id', 'surname', 'given_name', 'date_of_birth'],
  ['S-1', 'Шевченко', 'Олександр', '1999-03'],
]);

/** A mechanism with both sides' lists, an agreement, an app, and a caller of every role. */
export async function buildAttackTarget(db: Database): Promise<AttackTarget> {
  const { app, services } = await buildTestApp(db);
  const mechanismId = (await buildMechanism(db)).id;
  for (const party of ['UA', 'RU']) {
    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism: mechanismId,
      party,
      kind: 'sought',
      acceptInvalid: true,
      file: buildFile('s.csv', LIST),
    });
  }
  const agreementId = (
    await services.agreements.create(SYSTEM_ACTOR, mechanismId, { template: 'istanbul-2025-06-02' })
  ).id;
  const callers: Caller[] = [{ name: 'nobody', headers: {}, principal: null }];
  for (const role of ROLES) {
    const party = role === 'party_officer' || role === 'party_medical_officer' ? 'UA' : null;
    callers.push({
      name: role,
      headers: await tokenFor(services, {
        mechanism: mechanismId,
        role,
        ...(party ? { party } : {}),
      }),
      principal: { isSystem: false, isAdmin: false, grants: [{ mechanismId, role, party }] },
    });
  }
  callers.push({
    name: 'admin',
    headers: await adminSession(app, services),
    principal: { isSystem: false, isAdmin: true, grants: [] },
  });
  await app.ready();
  return {
    app,
    services,
    mechanismId,
    agreementId,
    callers,
    routes: app.routeRules.filter((r) => !(r.method === 'DELETE' && r.url === '/api/v1/session')),
    schemas: schemasOf(app),
  };
}

function schemasOf(app: FastifyInstance): AttackTarget['schemas'] {
  const spec = app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
          parameters?: Array<{ in: string; name: string; schema?: JsonSchema }>;
        }
      >
    >;
  };
  const schemas: AttackTarget['schemas'] = new Map();
  for (const [path, operations] of Object.entries(spec.paths)) {
    const url = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, operation] of Object.entries(operations)) {
      const query: Record<string, JsonSchema> = {};
      for (const parameter of operation.parameters ?? [])
        if (parameter.in === 'query') query[parameter.name] = parameter.schema ?? {};
      const body = operation.requestBody?.content?.['application/json']?.schema;
      schemas.set(`${method.toUpperCase()} ${url}`, { ...(body ? { body } : {}), query });
    }
  }
  return schemas;
}

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => `x${String.fromCharCode(code)}y`);

/** Text an attacker sends: NUL bytes, lone surrogates, huge, SQL, markup, odd Unicode, or anything. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a\u0000b', 'x\ud800y', '\udc00') },
  fc.constantFrom(
    '\u0000',
    'Шевченко\u0000',
    '\ud800',
    '\udfff',
    "'; drop table list_line; --",
    '%00',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '__proto__',
    '\u202eevil',
    '',
    ' ',
    'x'.repeat(70_000),
  ),
  loneSurrogate,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** A value shaped like the schema, every text in it hostile, and now and then of the wrong type. */
function valueOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.constant([]),
    fc.constant({}),
    hostileText,
  );
  if (depth > 4) return wrong;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueOf(s, depth + 1)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const types = [schema.type ?? 'string'].flat();
  const shaped = fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'object':
          return objectOf(schema, depth);
        case 'array':
          return fc.array(valueOf(schema.items ?? {}, depth + 1), { maxLength: 3 });
        case 'integer':
        case 'number':
          return fc.oneof(
            fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 100 }),
            fc.constantFrom(-1, 0, 2 ** 53, Number.MAX_SAFE_INTEGER),
          );
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        default:
          return schema.enum
            ? fc.oneof(fc.constantFrom(...schema.enum), hostileText)
            : schema.format === 'uuid'
              ? fc.oneof(fc.uuid(), hostileText)
              : hostileText;
      }
    }),
  );
  return fc.oneof({ weight: 9, arbitrary: shaped }, { weight: 1, arbitrary: wrong });
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const fields = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  return fc.record(
    Object.fromEntries(fields.map(([name, field]) => [name, valueOf(field, depth + 1)])),
    { requiredKeys: fields.map(([name]) => name).filter((name) => required.has(name)) },
  );
}

/** One generated request to one route: its path parameters, query and body. */
export interface AttackRequest {
  params: Record<string, string | null>;
  query: Record<string, unknown>;
  body: unknown;
  /** For an upload route: what the multipart body is, and the file's name. */
  upload: 'csv' | 'not-multipart' | 'broken' | 'json';
  fileName: string;
}

/** Requests to a route: each path parameter a real id (null) or hostile text; the query and body from its schema. */
export function requestsTo(target: AttackTarget, route: { method: string; url: string }) {
  const schema = target.schemas.get(`${route.method} ${route.url}`) ?? { query: {} };
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  return fc.record({
    params: fc.record(
      Object.fromEntries(names.map((name) => [name, fc.option(hostileText, { freq: 3 })])),
    ),
    query: objectOf({ properties: schema.query }, 0),
    body: schema.body ? valueOf(schema.body) : fc.constant(undefined),
    upload: fc.constantFrom('csv', 'not-multipart', 'broken', 'json'),
    fileName: fc.oneof(fc.constant('ua.csv'), hostileText),
  }) as fc.Arbitrary<AttackRequest>;
}

function realValue(target: AttackTarget, name: string): string {
  const known: Record<string, string> = {
    mechanism: target.mechanismId,
    agreement: target.agreementId,
    party: 'UA',
    kind: 'sought',
    version: 'latest',
  };
  return known[name] ?? '00000000-0000-4000-8000-000000000000';
}

/**
 * A path segment as a hostile client writes it: percent-encoded, and a lone surrogate as the
 * three bytes a sloppy encoder makes of it (which no UTF-8 decoder accepts).
 */
function encodeHostile(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text]
      .map((char) => {
        const code = char.charCodeAt(0);
        if (char.length > 1 || code < 0xd800 || code > 0xdfff) return encodeURIComponent(char);
        const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
        return bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      })
      .join('');
  }
}

/** Sends one generated request as one caller; the answer's status. */
export async function sendAttack(
  target: AttackTarget,
  route: { method: string; url: string },
  caller: Caller,
  request: AttackRequest,
): Promise<number> {
  const path = route.url.replace(/:(\w+)/g, (_, name: string) =>
    encodeHostile(request.params[name] ?? realValue(target, name)),
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query))
    if (value !== undefined)
      query.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  const url = `${path}${query.size ? `?${query.toString()}` : ''}`;
  const isUpload = route.method === 'POST' && /\/versions(\/preview)?$/.test(route.url);
  if (isUpload && request.upload !== 'json') {
    const file = multipartFile(request.fileName.replace(/["\r\n]/g, ''), LIST);
    const payload =
      request.upload === 'csv'
        ? file.payload
        : request.upload === 'broken'
          ? file.payload.subarray(0, file.payload.length - 30)
          : Buffer.from(JSON.stringify(request.body ?? {}));
    const contentType =
      request.upload === 'not-multipart' ? 'multipart/form-data' : file.headers['content-type'];
    const response = await target.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { ...caller.headers, 'content-type': contentType },
    });
    return response.statusCode;
  }
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const response = await target.app.inject({
    method: route.method as 'GET',
    url,
    headers: { ...caller.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { payload: JSON.stringify(request.body ?? {}) } : {}),
  });
  return response.statusCode;
}

/**
 * A caller for a route: mostly one whose roles may call it (the requests that reach a service
 * and the database), sometimes anyone else (the requests that must be refused).
 */
export function callerFor(target: AttackTarget, route: { rule: string }): fc.Arbitrary<Caller> {
  const mayCall = target.callers.filter((caller) => {
    if (route.rule === 'public') return true;
    if (!caller.principal) return false;
    if (route.rule === 'signed-in') return true;
    return mayHoldPermission(
      caller.principal,
      route.rule as Parameters<typeof mayHoldPermission>[1],
    );
  });
  const anyone = fc.constantFrom(...target.callers);
  return mayCall.length === 0
    ? anyone
    : fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...mayCall) },
        { weight: 1, arbitrary: anyone },
      );
}

/** Whether a caller's answer shows it was let in where its roles never allow: a leak. */
export function isLeak(route: { rule: string }, caller: Caller, status: number): boolean {
  if (status >= 400 || route.rule === 'public') return false;
  if (!caller.principal) return true;
  if (route.rule === 'signed-in') return false;
  return !mayHoldPermission(
    caller.principal,
    route.rule as Parameters<typeof mayHoldPermission>[1],
  );
}
