// The API's shapes, read from the types generated from the server's OpenAPI document
// (openapi.d.ts, `npm run api:types`): no answer's shape is written out by hand in the web.
import type { paths } from './openapi';

type Prefixed = keyof paths & `/api/v1/${string}`;
/** A route of the API as the web calls it, under /api/v1: `/mechanisms/{mechanism}/stages`. */
export type Route = Prefixed extends `/api/v1${infer Rest}` ? Rest : never;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The methods a route answers. */
export type MethodOf<R extends Route> = {
  [M in Method]: paths[`/api/v1${R}`][M] extends { responses: unknown } ? M : never;
}[Method];

type Operation<R extends Route, M extends Method> = paths[`/api/v1${R}`][M];
type JsonOf<T> = T extends { content: { 'application/json': infer Json } } ? Json : never;
// A 204 answers nothing: the client gives undefined for it.
type Success<Responses> = {
  [S in keyof Responses]: S extends 200 | 201 | 202
    ? JsonOf<Responses[S]>
    : S extends 204
      ? undefined
      : never;
}[keyof Responses];

/** The JSON a route answers on success. */
export type Answer<R extends Route, M extends MethodOf<R> = 'get' & MethodOf<R>> =
  Operation<R, M> extends { responses: infer Responses } ? Success<Responses> : never;

/** The JSON body a route takes; never for a route that takes none (or takes a form). */
export type Body<R extends Route, M extends MethodOf<R>> =
  Operation<R, M> extends { requestBody?: infer B }
    ? [NonNullable<B>] extends [never]
      ? never
      : NonNullable<B> extends { content: { 'application/json': infer Json } }
        ? Json
        : never
    : never;

/** The query a route takes. */
export type Query<R extends Route, M extends MethodOf<R> = 'get' & MethodOf<R>> =
  Operation<R, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The path parameters a route takes. */
export type Params<R extends Route, M extends MethodOf<R> = 'get' & MethodOf<R>> =
  Operation<R, M> extends { parameters: { path: infer P } } ? P : never;

/** An element of an array type. */
export type Item<T> = T extends ReadonlyArray<infer I> ? I : never;
