// The one place that turns a failure (an error answer from the engine, a network failure, or
// any thrown value) into something the UI can show: an ApiError with a message for people.

/** An error answer from the server, or a failure to reach it or to run (status 0). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Seconds from a `Retry-After` header (429), when present. */
  readonly retryAfter: number | null;

  constructor(status: number, code: string, message: string, retryAfter: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** Who reads the messages: an admin is told what to do, never to ask an admin (they may be
 * the only one). The shell sets it once it knows who is signed in. */
let readerIsAdmin = false;
export function setErrorReader(admin: boolean) {
  readerIsAdmin = admin;
}

/** What to say for an HTTP status when the body has no message of its own. */
function statusMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Reload the page to continue.';
  if (status === 403) {
    return readerIsAdmin
      ? 'Hearth refused this. Some things only work on the host computer; reload the page and try again there.'
      : 'You are not allowed to do this. Ask an admin of this Hearth if you need it.';
  }
  if (status === 404) return 'This was not found. It may have been removed; reload the page.';
  if (status === 413) return 'That is too large. Try something smaller.';
  if (status === 429) return 'Too many attempts. Wait a moment, then try again.';
  if (status >= 500) return 'Hearth hit a problem on its side. Try again; if it keeps happening, restart Hearth.';
  return `The request failed (HTTP ${status}). Check what you entered and try again.`;
}

const UNREACHABLE = 'Hearth could not be reached. Check that it is still running, then try again.';

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs);
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return null;
}

/** A message as people read it: no Markdown code quotes (`hearth host-link` → hearth host-link). */
const plainWords = (text: string) => text.replace(/`([^`]*)`/g, '$1').replace(/`/g, '');

/** The ApiError for an answer that is not ok, from its status, body and `Retry-After`
 * header: the body's `{"error": {code, message}}` when it has one, else words for the status. */
export function errorFromText(status: number, body: string, retryAfter: string | null): ApiError {
  let code = `http_${status}`;
  let message = statusMessage(status);
  try {
    const data = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    if (data && data.error) {
      if (typeof data.error.code === 'string') code = data.error.code;
      if (typeof data.error.message === 'string' && data.error.message) message = plainWords(data.error.message);
    }
  } catch {
    // Not JSON: keep the words for the status.
  }
  return new ApiError(status, code, message, parseRetryAfter(retryAfter));
}

/** The ApiError for a fetch Response that is not ok (see errorFromText). */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body = '';
  try {
    body = await res.text();
  } catch {
    // Cut off: the words for the status.
  }
  return errorFromText(res.status, body, res.headers.get('Retry-After'));
}

/** The ApiError for a fetch that never got an answer. */
export const networkError = () => new ApiError(0, 'network_error', UNREACHABLE);

/** Whether a thrown value is an abort (a request cancelled on purpose): never shown. */
export function isAbortError(err: unknown): boolean {
  return (err instanceof DOMException || err instanceof Error) && err.name === 'AbortError';
}

/** Any thrown value as an ApiError (status 0 when it did not come from the server). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof Error && err.message) {
    return new ApiError(0, 'client_error', `${err.message}. Reload the page and try again.`);
  }
  return new ApiError(0, 'client_error', 'Something went wrong. Reload the page and try again.');
}

/** A user-facing message for any thrown value. */
export const errorMessage = (err: unknown): string => toApiError(err).message;

/** How long a throttled attempt (429 `throttled`) must wait, in seconds: the `Retry-After` header, else the
 * seconds the message names ("Wait 7 seconds", "Wait a second"); null when it is not a
 * throttle or says no time. */
export function throttleSecs(err: ApiError): number | null {
  if (err.code !== 'throttled') return null;
  if (err.retryAfter && err.retryAfter > 0) return err.retryAfter;
  const m = /(\d+)\s*seconds?/i.exec(err.message);
  if (m) return Number(m[1]);
  if (/\ba second\b/i.test(err.message)) return 1;
  const min = /(\d+)\s*minutes?/i.exec(err.message);
  if (min) return Number(min[1]) * 60;
  return null;
}
