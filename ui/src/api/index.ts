// Typed client for Hearth's HTTP API: one function per endpoint. Types come from the
// generated schema (types.ts); transport, CSRF and errors from client.ts. Reads take
// RequestOptions, so useResource can pass its AbortSignal.
import { openStream, request, query, upload, type RequestOptions, type UploadOptions } from './client';
import type {
  AdminCredentials,
  ChatFilter,
  ChatMessageRequest,
  ChatRecordList,
  DeleteUserResult,
  DocumentList,
  EmbedderList,
  EventFilter,
  EventList,
  EventsCleared,
  LockRemove,
  LockSet,
  LoginRequest,
  LoginResponse,
  LoginUserList,
  Me,
  MemberList,
  Memory,
  MemoryCreate,
  MemoryList,
  MemoryPatch,
  MessageList,
  MessagePageQuery,
  ModelList,
  MembersPut,
  ModeRequest,
  ModeResponse,
  NewUser,
  PasswordChange,
  PasswordReset,
  ProfilePatch,
  Provider,
  ProviderCreate,
  ProviderList,
  ProviderPatch,
  ProviderTest,
  QueueItemList,
  SearchResults,
  ServerAction,
  ServerStatus,
  SessionList,
  SessionsEnded,
  SettingsPatch,
  Status,
  SystemSettings,
  Thread,
  ThreadList,
  ThreadTitle,
  UnlockRequest,
  Usage,
  UsageFilter,
  UsageReport,
  User,
  UserList,
  UserPatch,
  UserResponse,
  UserWorkspacesPut,
  Workspace,
  WorkspaceCreate,
  WorkspaceDocument,
  WorkspaceList,
  WorkspacePatch,
} from './types';

export * from './types';
export {
  onAuthProblem,
  openStream,
  query,
  request,
  upload,
  type AuthProblem,
  type RequestOptions,
  type UploadOptions,
} from './client';

const enc = encodeURIComponent;

/** URL of a user's avatar image (an <img src>; same origin). */
export const avatarUrl = (userId: string, version?: number | string) =>
  `/api/v1/users/${enc(userId)}/avatar${version ? `?v=${enc(String(version))}` : ''}`;

/** URL of the QR code (SVG) for one of the LAN server's URLs. */
export const qrUrl = (url: string) => `/api/v1/server/qr?url=${enc(url)}`;

/** URL that downloads a zip of all of the signed-in person's own data (GET with the session). */
export const backupUrl = '/api/v1/me/backup';

/** URL that downloads the event log as CSV with the given filter. */
export const eventsCsvUrl = (f: EventFilter) =>
  `/api/v1/events${query({ format: 'csv', type: f.type, user: f.user, from: f.from, to: f.to })}`;

/** URL that downloads the chat history as CSV with the given filter (every page). */
export const chatsCsvUrl = (f: ChatFilter) =>
  `/api/v1/chats${query({ format: 'csv', user: f.user, workspace: f.workspace, from: f.from, to: f.to })}`;

/** URL that downloads the usage report as CSV for the given user and days. */
export const usageCsvUrl = (f: UsageFilter) => `/api/v1/usage${query({ format: 'csv', user: f.user, from: f.from, to: f.to })}`;

export const api = {
  status: (opts?: RequestOptions) => request<Status>('GET', '/status', undefined, opts),

  auth: {
    unlock: (password: string) => request<UserResponse>('POST', '/auth/unlock', { password } satisfies UnlockRequest, { quietAuth: true }),
    login: (username: string, password: string, rememberMe: boolean) =>
      request<LoginResponse>('POST', '/auth/login', { username, password, rememberMe } satisfies LoginRequest, { quietAuth: true }),
    users: (opts?: RequestOptions) =>
      request<LoginUserList>('GET', '/auth/users', undefined, { ...opts, quietAuth: true }),
    lock: () => request<void>('POST', '/auth/lock'),
    logout: () => request<void>('POST', '/auth/logout', undefined, { quietAuth: true }),
  },

  me: {
    get: (opts?: RequestOptions) => request<Me>('GET', '/me', undefined, opts),
    update: (patch: ProfilePatch) => request<Me>('PATCH', '/me', patch),
    setLock: (newPassword: string, currentPassword?: string) =>
      request<UserResponse>(
        'PUT',
        '/me/lock',
        (currentPassword === undefined ? { newPassword } : { currentPassword, newPassword }) satisfies LockSet,
      ),
    removeLock: (currentPassword: string) => request<void>('DELETE', '/me/lock', { currentPassword } satisfies LockRemove),
    changePassword: (currentPassword: string, newPassword: string) =>
      request<void>('POST', '/me/password', { currentPassword, newPassword } satisfies PasswordChange),
    setAvatar: (file: Blob, contentType: string) =>
      request<void>('PUT', '/me/avatar', undefined, { raw: { body: file, contentType } }),
    removeAvatar: () => request<void>('DELETE', '/me/avatar'),
    sessions: (opts?: RequestOptions) => request<SessionList>('GET', '/me/sessions', undefined, opts),
    endSession: (id: string) => request<void>('DELETE', `/me/sessions/${enc(id)}`),
    /** Messages sent today and left (`limit` null: no limit). */
    usage: (opts?: RequestOptions) => request<Usage>('GET', '/me/usage', undefined, opts),
    /** The caller's own memories, newest first (no one else can read them). */
    memories: (opts?: RequestOptions) => request<MemoryList>('GET', '/me/memories', undefined, opts),
    /** `sourceMessageId`: the message it was taken from ("Remember this"), one of the caller's. */
    addMemory: (input: MemoryCreate) => request<Memory>('POST', '/me/memories', input),
    updateMemory: (id: string, content: string) =>
      request<Memory>('PATCH', `/me/memories/${enc(id)}`, { content } satisfies MemoryPatch),
    removeMemory: (id: string) => request<void>('DELETE', `/me/memories/${enc(id)}`),
  },

  workspaces: {
    list: (opts?: RequestOptions) => request<WorkspaceList>('GET', '/workspaces', undefined, opts),
    get: (slug: string, opts?: RequestOptions) =>
      request<Workspace>('GET', `/workspaces/${enc(slug)}`, undefined, opts),
    create: (input: WorkspaceCreate) => request<Workspace>('POST', '/workspaces', input),
    update: (slug: string, patch: WorkspacePatch) => request<Workspace>('PATCH', `/workspaces/${enc(slug)}`, patch),
    remove: (slug: string) => request<void>('DELETE', `/workspaces/${enc(slug)}`),
    members: (slug: string, opts?: RequestOptions) =>
      request<MemberList>('GET', `/workspaces/${enc(slug)}/members`, undefined, opts),
    setMembers: (slug: string, userIds: string[]) =>
      request<MemberList>('PUT', `/workspaces/${enc(slug)}/members`, { userIds } satisfies MembersPut),
    threads: (slug: string, opts?: RequestOptions) =>
      request<ThreadList>('GET', `/workspaces/${enc(slug)}/threads`, undefined, opts),
    createThread: (slug: string, title: string) =>
      request<Thread>('POST', `/workspaces/${enc(slug)}/threads`, { title } satisfies ThreadTitle),
  },

  /** A workspace's documents: members read and search them; admins and managers upload,
   * retry and remove. */
  documents: {
    list: (slug: string, opts?: RequestOptions) =>
      request<DocumentList>('GET', `/workspaces/${enc(slug)}/documents`, undefined, opts),
    /** Uploads files (one `file` part each; all or nothing), reporting the upload's progress;
     * the answer is the new documents, queued for reading. */
    upload: (slug: string, files: File[], opts?: UploadOptions) => {
      const form = new FormData();
      for (const f of files) form.append('file', f, f.name);
      return upload<DocumentList>(`/workspaces/${enc(slug)}/documents`, form, opts);
    },
    remove: (slug: string, id: string) => request<void>('DELETE', `/workspaces/${enc(slug)}/documents/${enc(id)}`),
    /** Reads a failed document again (409 `not_failed` for any other). */
    retry: (slug: string, id: string) =>
      request<WorkspaceDocument>('POST', `/workspaces/${enc(slug)}/documents/${enc(id)}/retry`),
    /** The best passages for `q`, best first. */
    search: (slug: string, q: string, limit?: number, opts?: RequestOptions) =>
      request<SearchResults>('GET', `/workspaces/${enc(slug)}/search${query({ q, limit })}`, undefined, opts),
  },

  threads: {
    get: (id: string, opts?: RequestOptions) => request<Thread>('GET', `/threads/${enc(id)}`, undefined, opts),
    /** A page of the history: the newest `limit` messages older than `cursor`, oldest first. */
    messages: (id: string, page: MessagePageQuery = {}, opts?: RequestOptions) =>
      request<MessageList>('GET', `/threads/${enc(id)}/messages${query({ limit: page.limit, cursor: page.cursor })}`, undefined, opts),
    /** Sends a message; the answer is the reply's event stream (features/chat/replyEvents.ts). */
    send: (id: string, content: string, opts?: RequestOptions) =>
      openStream('POST', `/threads/${enc(id)}/messages`, { content } satisfies ChatMessageRequest, opts),
    /** Writes the last reply again (it must have ended); the answer is the new reply's event
     * stream, as for send(). */
    regenerate: (id: string, opts?: RequestOptions) => openStream('POST', `/threads/${enc(id)}/regenerate`, undefined, opts),
    /** Re-attaches to the reply being written (404 when there is none). */
    stream: (id: string, opts?: RequestOptions) => openStream('GET', `/threads/${enc(id)}/stream`, undefined, opts),
    stop: (id: string) => request<void>('POST', `/threads/${enc(id)}/stop`),
    rename: (id: string, title: string) => request<Thread>('PATCH', `/threads/${enc(id)}`, { title } satisfies ThreadTitle),
    remove: (id: string) => request<void>('DELETE', `/threads/${enc(id)}`),
  },

  models: {
    list: (opts?: RequestOptions) => request<ModelList>('GET', '/models', undefined, opts),
  },

  /** The local search embedders this install has (empty when their files are missing). */
  embedders: {
    list: (opts?: RequestOptions) => request<EmbedderList>('GET', '/embedders', undefined, opts),
  },

  providers: {
    list: (opts?: RequestOptions) => request<ProviderList>('GET', '/providers', undefined, opts),
    create: (input: ProviderCreate) => request<Provider>('POST', '/providers', input),
    update: (id: string, patch: ProviderPatch) => request<Provider>('PATCH', `/providers/${enc(id)}`, patch),
    remove: (id: string) => request<void>('DELETE', `/providers/${enc(id)}`),
    test: (id: string) => request<ProviderTest>('POST', `/providers/${enc(id)}/test`),
  },

  queue: {
    list: (opts?: RequestOptions) => request<QueueItemList>('GET', '/queue', undefined, opts),
    cancel: (id: string) => request<void>('DELETE', `/queue/${enc(id)}`),
    pause: () => request<void>('POST', '/queue/pause'),
    resume: () => request<void>('POST', '/queue/resume'),
  },

  users: {
    list: (opts?: RequestOptions) => request<UserList>('GET', '/users', undefined, opts),
    get: (id: string, opts?: RequestOptions) => request<User>('GET', `/users/${enc(id)}`, undefined, opts),
    create: (input: NewUser) => request<User>('POST', '/users', input),
    update: (id: string, patch: UserPatch) => request<User>('PATCH', `/users/${enc(id)}`, patch),
    remove: (id: string) => request<DeleteUserResult>('DELETE', `/users/${enc(id)}`),
    resetPassword: (id: string, newPassword: string) =>
      request<void>('POST', `/users/${enc(id)}/password`, { newPassword } satisfies PasswordReset),
    setWorkspaces: (id: string, workspaceIds: string[]) =>
      request<User>('PUT', `/users/${enc(id)}/workspaces`, { workspaceIds } satisfies UserWorkspacesPut),
    endSessions: (id: string) => request<SessionsEnded>('DELETE', `/users/${enc(id)}/sessions`),
  },

  events: {
    list: (f: EventFilter, opts?: RequestOptions) =>
      request<EventList>(
        'GET',
        `/events${query({ type: f.type, user: f.user, from: f.from, to: f.to, limit: f.limit, offset: f.offset })}`,
        undefined,
        opts,
      ),
    clear: () => request<EventsCleared>('DELETE', '/events'),
  },

  /** Every reply with its prompt, newest first (admins and managers). */
  chats: {
    list: (f: ChatFilter, opts?: RequestOptions) =>
      request<ChatRecordList>(
        'GET',
        `/chats${query({ user: f.user, workspace: f.workspace, from: f.from, to: f.to, limit: f.limit, offset: f.offset })}`,
        undefined,
        opts,
      ),
  },

  /** Everyone's messages and tokens over a range of UTC days (admins and managers). */
  usage: {
    list: (f: UsageFilter, opts?: RequestOptions) =>
      request<UsageReport>('GET', `/usage${query({ user: f.user, from: f.from, to: f.to })}`, undefined, opts),
  },

  settings: {
    get: (opts?: RequestOptions) => request<SystemSettings>('GET', '/settings', undefined, opts),
    update: (patch: SettingsPatch) => request<SystemSettings>('PATCH', '/settings', patch),
  },

  mode: {
    /** `admin` may be null on a second switch (the owner already was the admin): the admin
     * comes back as it was. `currentPassword`: the lock password, when one is set. */
    toMulti: (admin: AdminCredentials | null, currentPassword?: string) =>
      request<ModeResponse>('POST', '/mode', {
        mode: 'multi',
        ...(admin ? { admin } : {}),
        ...(currentPassword === undefined ? {} : { currentPassword }),
      } satisfies ModeRequest),
    toSingle: () => request<ModeResponse>('POST', '/mode', { mode: 'single' } satisfies ModeRequest),
  },

  server: {
    get: (opts?: RequestOptions) => request<ServerStatus>('GET', '/server', undefined, opts),
    act: (action: ServerAction) => request<ServerStatus>('POST', '/server', action),
  },
};
