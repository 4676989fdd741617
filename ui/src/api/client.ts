// The fetch wrapper for Hearth's HTTP API (/api/v1, same origin).
//
// Every unsafe request (POST/PUT/PATCH/DELETE) carries the CSRF header the server expects,
// a JSON content type and same-origin credentials. Errors arrive as
// `{"error": {"code", "message"}}` and are thrown as ApiError (lib/errors.ts). An abort
// (the request's AbortSignal) is thrown as is: callers ignore it. Uploads of files
// (multipart/form-data) go through upload(), an XMLHttpRequest that reports its progress.
import { ApiError, errorFromResponse, errorFromText, isAbortError, networkError } from '../lib/errors';

/** Codes that mean "the UI must show something else than the current screen":
 * `session_ended` is a session someone else ended (an admin suspended the account, reset its
 * password…); its message says why, for the sign-in page to show. */
export type AuthProblem = 'locked' | 'unauthenticated' | 'session_ended';

const AUTH_PROBLEMS: readonly string[] = ['locked', 'unauthenticated', 'session_ended'] satisfies AuthProblem[];

type AuthListener = (problem: AuthProblem, message: string) => void;
const authListeners = new Set<AuthListener>();

/** Called whenever any request answers 401 `locked`, `unauthenticated` or `session_ended`,
 * with the server's message. */
export function onAuthProblem(listener: AuthListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  /** Do not broadcast 401 locked/unauthenticated/session_ended to the app (used by the lock screen). */
  quietAuth?: boolean;
  /** Cancels the request (useResource aborts on unmount and when its inputs change). */
  signal?: AbortSignal;
  /** Send this body as is (with its own Content-Type) instead of JSON. */
  raw?: { body: Blob; contentType: string };
}

/** Sends a request and answers the Response when it is ok; an error answer is thrown as an
 * ApiError (after broadcasting 401 locked/unauthenticated/session_ended), a network failure as the
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

  throw refused(await errorFromResponse(res), opts);
}

/** An error answer, after broadcasting 401 locked/unauthenticated/session_ended (unless `quietAuth`). */
function refused(error: ApiError, opts: RequestOptions): ApiError {
  if (error.status === 401 && !opts.quietAuth && AUTH_PROBLEMS.includes(error.code)) {
    for (const l of authListeners) l(error.code as AuthProblem, error.message);
  }
  return error;
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

export interface UploadOptions {
  /** Cancels the upload (thrown as an AbortError, which callers ignore). */
  signal?: AbortSignal;
  /** The bytes of the body sent so far, of `total`, as they leave the browser. */
  onProgress?: (sent: number, total: number) => void;
}

/**
 * POSTs `form` as multipart/form-data (the browser writes the boundary) with the CSRF header
 * and the session cookie (same origin), reporting the upload's progress: fetch cannot tell
 * how much of a body has been sent, an XMLHttpRequest can. The JSON answer as `T`; an error
 * answer is thrown as an ApiError, as request() does.
 */
export function upload<T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abortError = () => new DOMException('The upload was cancelled.', 'AbortError');
    if (opts.signal?.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const done = () => opts.signal?.removeEventListener('abort', onAbort);
    xhr.open('POST', `/api/v1${path}`);
    // Same origin: the session cookie goes with it without withCredentials.
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Hearth-CSRF', '1');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded, e.total);
    };
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          reject(networkError());
        }
        return;
      }
      reject(refused(errorFromText(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')), {}));
    };
    xhr.onerror = () => {
      done();
      reject(networkError());
    };
    xhr.onabort = () => {
      done();
      reject(abortError());
    };
    opts.signal?.addEventListener('abort', onAbort);
    xhr.send(form);
  });
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
