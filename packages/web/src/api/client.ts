import type { Answer, Body, MethodOf, Params, Query, Route } from './contract.ts';

/** The API's error answer: `{ error: { code, message, details?, requestId } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token, which every cookie write sends back. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown; requestId?: string };
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // Not JSON (a proxy's page, say): the status line is all there is to show.
  }
  return new ApiError(
    response.status,
    body.error?.code ?? `HTTP.${response.status}`,
    body.error?.message ?? (text.slice(0, 300) || response.statusText),
    body.error?.details,
    body.error?.requestId ?? response.headers.get('x-request-id'),
  );
}

/** Calls the API under /api/v1 with the session cookie; a non-2xx answer throws an ApiError. */
export async function api<T>(
  path: string,
  init: { method?: string; json?: unknown; form?: FormData; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    body = init.form;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body ?? null,
      credentials: 'same-origin',
      signal: init.signal ?? null,
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', (cause as Error).message, undefined, null);
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Sends a form (a file upload) to the API as `api` does, telling `onSent` what share of the body
 * has gone (0 to 1) as it goes: fetch cannot report an upload's progress, XMLHttpRequest can.
 */
export function apiUpload<T>(
  path: string,
  form: FormData,
  onSent: (share: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1${path}`);
    request.setRequestHeader('accept', 'application/json');
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onSent(event.loaded / event.total);
    };
    request.onerror = () =>
      reject(new ApiError(0, 'NETWORK', 'The server could not be reached', undefined, null));
    request.onload = () => {
      // The answer as a Response, so that errors read exactly as the other calls' do.
      const response = new Response(request.status === 204 ? null : request.responseText, {
        status: request.status,
        statusText: request.statusText,
        headers: { 'x-request-id': request.getResponseHeader('x-request-id') ?? '' },
      });
      if (!response.ok) errorOf(response).then(reject, reject);
      else if (response.status === 204) resolve(undefined as T);
      else response.json().then((body) => resolve(body as T), reject);
    };
    request.send(form);
  });
}

/** Builds a query string from the defined values. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A path segment, escaped. */
export const seg = (value: string | number) => encodeURIComponent(String(value));

/** What a route takes besides its method and path: its path parameters, query and body. */
export interface CallOptions<R extends Route, M extends MethodOf<R>> {
  params?: Params<R, M>;
  query?: Query<R, M>;
  json?: Body<R, M>;
  form?: FormData;
  signal?: AbortSignal;
}

/**
 * Calls a route by its OpenAPI path (`/mechanisms/{mechanism}/stages`), as `api` does, with its
 * parameters, query, body and answer typed by the generated contract (contract.ts).
 */
export function call<R extends Route, M extends MethodOf<R>>(
  method: M,
  route: R,
  options: CallOptions<R, M> = {},
): Promise<Answer<R, M>> {
  const params = (options.params ?? {}) as Record<string, string | number>;
  const path = route.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: no value for {${name}}`);
    return seg(value);
  });
  const search = query(options.query ?? {});
  return api<Answer<R, M>>(`${path}${search}`, {
    method: method.toUpperCase(),
    ...(options.json !== undefined ? { json: options.json } : {}),
    ...(options.form ? { form: options.form } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
