// The fetch wrapper for Hearth's HTTP API (/api/v1, same origin).
//
// Every unsafe request (POST/PUT/PATCH/DELETE) carries the CSRF header the server expects,
// a JSON content type and same-origin credentials. Errors arrive as
// `{"error": {"code", "message"}}` and are thrown as ApiError (lib/errors.ts). An abort
// (the request's AbortSignal) is thrown as is: callers ignore it.
import { ApiError, errorFromResponse, isAbortError, networkError } from '../lib/errors';

/** Codes that mean "the UI must show something else than the current screen". */
export type AuthProblem = 'locked' | 'unauthenticated';

type AuthListener = (problem: AuthProblem) => void;
const authListeners = new Set<AuthListener>();

/** Called whenever any request answers 401 `locked` or 401 `unauthenticated`. */
export function onAuthProblem(listener: AuthListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  /** Do not broadcast 401 locked/unauthenticated to the app (used by the lock screen). */
  quietAuth?: boolean;
  /** Cancels the request (useResource aborts on unmount and when its inputs change). */
  signal?: AbortSignal;
  /** Send this body as is (with its own Content-Type) instead of JSON. */
  raw?: { body: Blob; contentType: string };
}

/** Sends a request and answers the Response when it is ok; an error answer is thrown as an
 * ApiError (after broadcasting 401 locked/unauthenticated), a network failure as the
 * "could not be reached" ApiError, an abort as is. */
async function send(method: string, path: string, body: unknown, opts: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (UNSAFE.has(method)) {
    headers['X-Hearth-CSRF'] = '1';
    headers['Content-Type'] = opts.raw ? opts.raw.contentType : 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.raw ? opts.raw.body : body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw networkError();
  }
  if (res.ok) return res;

  const error: ApiError = await errorFromResponse(res);
  if (res.status === 401 && !opts.quietAuth && (error.code === 'locked' || error.code === 'unauthenticated')) {
    for (const l of authListeners) l(error.code);
  }
  throw error;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const res = await send(method, path, body, opts, 'application/json');
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * A request answered with `text/event-stream` (a chat reply): the Response once its head
 * has arrived, for lib/sse.ts to read. Refusals before the stream starts (JSON errors) are
 * thrown as ApiError like any other request's; the AbortSignal also ends the stream.
 */
export async function openStream(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<Response> {
  const res = await send(method, path, body, opts, 'text/event-stream');
  if (!res.body) throw networkError();
  return res;
}

/** `?a=1&b=2` from the defined values of an object ('' when there are none). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}
