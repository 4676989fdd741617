// Typed client for Hearth's HTTP API (/api/v1, same origin).
//
// Every unsafe request (POST/PUT/PATCH/DELETE) carries the CSRF header the server expects,
// a JSON content type and same-origin credentials. Errors arrive as
// `{"error": {"code", "message"}}` and are thrown as ApiError.

export type Mode = 'single' | 'multi';

export interface Status {
  mode: Mode;
  locked: boolean;
  lockEnabled: boolean;
  setupRequired: boolean;
  /** Whether the caller has a session. */
  authenticated?: boolean;
  /** This browser holds the host session (the desktop window or the console's host login). */
  host?: boolean;
  loginStyle: 'discreet' | 'list';
  passwordLogin: boolean;
  version: string;
}

export type Role = 'admin' | 'manager' | 'default' | string;

/** Seconds since the Unix epoch (what the engine sends) or an RFC 3339 string. */
export type Timestamp = number | string;

export interface Me {
  id: string;
  /** null for the single-user owner, who has no username until the switch to multi-user. */
  username: string | null;
  displayName: string;
  bio: string;
  role: Role;
  preferences: Record<string, unknown>;
  lockEnabled: boolean;
  isOwner?: boolean;
  createdAt?: Timestamp;
  /** Not in the contract's /me shape; used when the engine sends it. */
  hasAvatar?: boolean;
}

/** What the login list shows (loginStyle "list"). */
export interface LoginUser {
  id: string;
  username: string;
  displayName: string;
  hasAvatar: boolean;
}

export interface User {
  id: string;
  username: string | null;
  displayName: string;
  role: Role;
  suspended: boolean;
  dailyMessageLimit: number | null;
  isOwner: boolean;
  hasAvatar: boolean;
  createdAt: Timestamp;
  lastLoginAt: Timestamp | null;
  workspaceIds: string[];
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  dailyMessageLimit?: number | null;
}

export interface UserPatch {
  role?: Role;
  suspended?: boolean;
  dailyMessageLimit?: number | null;
  displayName?: string;
}

export interface DeleteUserResult {
  deleted: boolean;
  threadsRemoved: number;
  workspacesTransferredToOwner: number;
}

export interface Member {
  id: string;
  username: string | null;
  displayName: string;
  role: Role;
}

export interface SessionInfo {
  id: string;
  userAgent: string;
  address: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  host: boolean;
  rememberMe: boolean;
  current: boolean;
}

export interface Thread {
  id: string;
  workspaceId: string;
  title: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface EventItem {
  id: number;
  at: Timestamp;
  type: string;
  userId: string | null;
  username: string | null;
  address: string;
  details: unknown;
}

export interface EventFilter {
  type?: string;
  user?: string;
  /** Unix seconds. */
  from?: number;
  to?: number;
  limit?: number;
  offset?: number;
}

export interface SystemSettings {
  idleTimeoutMinutes: number;
  loginStyle: 'discreet' | 'list';
}

export interface ServerStatus {
  running: boolean;
  urls: string[];
  port: number;
  bind: string;
  pinned: string | null;
  https: boolean;
  fingerprint: string | null;
  usersOnline: number;
  allowedHosts: string[];
}

export type ServerAction =
  | { action: 'start'; bind?: string; port?: number }
  | { action: 'stop' }
  | { action: 'pin'; url: string }
  | { action: 'unpin' }
  | { action: 'hosts'; allowedHosts: string[] };

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  systemPrompt: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface Page<T> {
  items: T[];
  next: string | number | null;
}

/** An error answer from the server, or a failure to reach it (status 0). */
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
  signal?: AbortSignal;
  /** Send this body as is (with its own Content-Type) instead of JSON. */
  raw?: { body: Blob; contentType: string };
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs);
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return null;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Reload the page to continue.';
  if (status === 403) return 'You are not allowed to do this. Ask an admin if you need it.';
  if (status === 404) return 'This was not found. It may have been removed; reload the page.';
  if (status === 413) return 'That is too large. Try something smaller.';
  if (status === 429) return 'Too many attempts. Wait a moment, then try again.';
  if (status >= 500) return 'Hearth hit a problem on its side. Try again; if it keeps happening, restart Hearth.';
  return `The request failed (HTTP ${status}). Check what you entered and try again.`;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const unsafe = UNSAFE.has(method);
  if (unsafe) {
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
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(
      0,
      'network_error',
      'Hearth could not be reached. Check that it is still running, then try again.',
    );
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  let code = 'http_' + res.status;
  let message = fallbackMessage(res.status);
  try {
    const data = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (data && data.error) {
      if (typeof data.error.code === 'string') code = data.error.code;
      if (typeof data.error.message === 'string' && data.error.message) message = data.error.message;
    }
  } catch {
    // Not JSON: keep the fallback message.
  }
  const error = new ApiError(res.status, code, message, parseRetryAfter(res.headers.get('Retry-After')));
  if (res.status === 401 && !opts.quietAuth && (code === 'locked' || code === 'unauthenticated')) {
    for (const l of authListeners) l(code);
  }
  throw error;
}

/** A user-facing message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return `${err.message}. Reload the page and try again.`;
  return 'Something went wrong. Reload the page and try again.';
}

const enc = encodeURIComponent;

/** `?a=1&b=2` from the defined values of an object ('' when there are none). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** URL of a user's avatar image (an <img src>; same origin). */
export const avatarUrl = (userId: string, version?: number | string) =>
  `/api/v1/users/${enc(userId)}/avatar${version ? `?v=${enc(String(version))}` : ''}`;

/** URL of the QR code (SVG) for one of the LAN server's URLs. */
export const qrUrl = (url: string) => `/api/v1/server/qr?url=${enc(url)}`;

/** URL that downloads the event log as CSV with the given filter. */
export const eventsCsvUrl = (f: EventFilter) =>
  `/api/v1/events${query({ format: 'csv', type: f.type, user: f.user, from: f.from, to: f.to })}`;

export const api = {
  status: (opts?: RequestOptions) => request<Status>('GET', '/status', undefined, opts),

  auth: {
    unlock: (password: string) =>
      request<{ user: Me }>('POST', '/auth/unlock', { password }, { quietAuth: true }),
    login: (username: string, password: string, rememberMe: boolean) =>
      request<{ user: Me; recoveryCodes?: string[] }>(
        'POST',
        '/auth/login',
        { username, password, rememberMe },
        { quietAuth: true },
      ),
    users: () => request<Page<LoginUser>>('GET', '/auth/users', undefined, { quietAuth: true }),
    lock: () => request<void>('POST', '/auth/lock'),
    logout: () => request<void>('POST', '/auth/logout', undefined, { quietAuth: true }),
  },

  me: {
    get: (opts?: RequestOptions) => request<Me>('GET', '/me', undefined, opts),
    update: (patch: { displayName?: string; bio?: string; preferences?: Record<string, unknown> }) =>
      request<Me>('PATCH', '/me', patch),
    setLock: (newPassword: string, currentPassword?: string) =>
      request<{ user: Me }>(
        'PUT',
        '/me/lock',
        currentPassword === undefined ? { newPassword } : { currentPassword, newPassword },
      ),
    removeLock: (currentPassword: string) => request<void>('DELETE', '/me/lock', { currentPassword }),
    changePassword: (currentPassword: string, newPassword: string) =>
      request<void>('POST', '/me/password', { currentPassword, newPassword }),
    setAvatar: (file: Blob, contentType: string) =>
      request<void>('PUT', '/me/avatar', undefined, { raw: { body: file, contentType } }),
    removeAvatar: () => request<void>('DELETE', '/me/avatar'),
    sessions: () => request<Page<SessionInfo>>('GET', '/me/sessions'),
    endSession: (id: string) => request<void>('DELETE', `/me/sessions/${enc(id)}`),
  },

  workspaces: {
    list: () => request<Page<Workspace>>('GET', '/workspaces'),
    get: (slug: string) => request<Workspace>('GET', `/workspaces/${enc(slug)}`),
    create: (input: { name: string; systemPrompt?: string }) =>
      request<Workspace>('POST', '/workspaces', input),
    update: (slug: string, patch: { name?: string; systemPrompt?: string }) =>
      request<Workspace>('PATCH', `/workspaces/${enc(slug)}`, patch),
    remove: (slug: string) => request<void>('DELETE', `/workspaces/${enc(slug)}`),
    members: (slug: string) => request<Page<Member>>('GET', `/workspaces/${enc(slug)}/members`),
    setMembers: (slug: string, userIds: string[]) =>
      request<Page<Member>>('PUT', `/workspaces/${enc(slug)}/members`, { userIds }),
    threads: (slug: string) => request<Page<Thread>>('GET', `/workspaces/${enc(slug)}/threads`),
    createThread: (slug: string, title: string) =>
      request<Thread>('POST', `/workspaces/${enc(slug)}/threads`, { title }),
  },

  threads: {
    rename: (id: string, title: string) => request<Thread>('PATCH', `/threads/${enc(id)}`, { title }),
    remove: (id: string) => request<void>('DELETE', `/threads/${enc(id)}`),
  },

  users: {
    list: () => request<Page<User>>('GET', '/users'),
    get: (id: string) => request<User>('GET', `/users/${enc(id)}`),
    create: (input: NewUser) => request<User>('POST', '/users', input),
    update: (id: string, patch: UserPatch) => request<User>('PATCH', `/users/${enc(id)}`, patch),
    remove: (id: string) => request<DeleteUserResult>('DELETE', `/users/${enc(id)}`),
    resetPassword: (id: string, newPassword: string) =>
      request<void>('POST', `/users/${enc(id)}/password`, { newPassword }),
    setWorkspaces: (id: string, workspaceIds: string[]) =>
      request<User>('PUT', `/users/${enc(id)}/workspaces`, { workspaceIds }),
    endSessions: (id: string) => request<{ ended: number }>('DELETE', `/users/${enc(id)}/sessions`),
  },

  events: {
    list: (f: EventFilter) =>
      request<Page<EventItem>>(
        'GET',
        `/events${query({ type: f.type, user: f.user, from: f.from, to: f.to, limit: f.limit, offset: f.offset })}`,
      ),
    clear: () => request<{ removed: number }>('DELETE', '/events'),
  },

  settings: {
    get: () => request<SystemSettings>('GET', '/settings'),
    update: (patch: Partial<SystemSettings>) => request<SystemSettings>('PATCH', '/settings', patch),
  },

  mode: {
    toMulti: (admin: { username: string; password: string }, currentPassword?: string) =>
      request<{ mode: Mode }>(
        'POST',
        '/mode',
        currentPassword === undefined ? { mode: 'multi', admin } : { mode: 'multi', admin, currentPassword },
      ),
    toSingle: () => request<{ mode: Mode }>('POST', '/mode', { mode: 'single' }),
  },

  server: {
    get: () => request<ServerStatus>('GET', '/server'),
    act: (action: ServerAction) => request<ServerStatus>('POST', '/server', action),
  },
};
