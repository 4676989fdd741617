// The API's shapes, named for the UI. Every one comes from the generated schema.ts (the
// engine's OpenAPI document); nothing here is written by hand but the names.
import { eventKindValues, type components, type paths } from './schema';

type Schemas = components['schemas'];

export type Mode = Schemas['Mode'];
export type Role = Schemas['Role'];
export type LoginStyle = Schemas['LoginStyle'];
export type Status = Schemas['Status'];

/** The signed-in user (`GET /me`). `hasAvatar` is not in the contract's /me shape; the UI
 * uses it when the engine sends it (else the avatar is tried and initials shown). */
export type Me = Schemas['User'] & { hasAvatar?: boolean };
/** What the login list shows (loginStyle "list"). */
export type LoginUser = Schemas['LoginListUser'];
/** An account as admins and managers see it. */
export type User = Schemas['UserView'];
export type NewUser = Schemas['NewUser'];
export type UserPatch = Schemas['UserPatch'];
export type DeleteUserResult = Schemas['UserDeleted'];
export type Member = Schemas['Member'];
export type SessionInfo = Schemas['Session'];
export type ProfilePatch = Schemas['ProfilePatch'];
/** One of the caller's memories: told to the model with every message they send; only they see it. */
export type Memory = Schemas['Memory'];
export type MemoryCreate = Schemas['MemoryCreate'];
export type MemoryPatch = Schemas['MemoryPatch'];

export type Workspace = Schemas['Workspace'];
export type WorkspaceCreate = Schemas['WorkspaceCreate'];
export type WorkspacePatch = Schemas['WorkspacePatch'];
export type Thread = Schemas['Thread'];
/** A message of a thread; a reply is a row that grows (`status`: queued → streaming → done,
 * stopped or failed). */
export type Message = Schemas['Message'];
export type MessageStatus = Schemas['Message']['status'];
export type FinishReason = NonNullable<Schemas['Message']['finishReason']>;

/** A document of a workspace, with where its reading stands (`status`: queued → reading →
 * indexed or failed; `progress` 0..1 while reading; `chunks`: passages indexed). */
export type WorkspaceDocument = Schemas['Document'];
export type DocumentStatus = Schemas['Document']['status'];
export type DocumentKind = Schemas['Document']['kind'];
/** One of the best passages for a search (`snippet`: plain text). */
export type SearchHit = Schemas['SearchHit'];
/** A passage of a document that a reply was given (`Message.sources`, the `sources` event). */
export type Source = Schemas['Source'];

/** A local search embedder (`GET /embedders`): a workspace whose `embedder` is its `id` is
 * searched by meaning as well as by keywords. */
export type Embedder = Schemas['Embedder'];

/** A model the caller may use: `id` is `backend/model` (`embedded/…` or `<provider id>/…`). */
export type Model = Schemas['Model'];
/** An OpenAI-compatible provider (admins); its key is never sent back, only `hasKey`. */
export type Provider = Schemas['Provider'];
export type ProviderCreate = Schemas['ProviderCreate'];
export type ProviderPatch = Schemas['ProviderPatch'];
export type ProviderTest = Schemas['ProviderTest'];
/** Messages today: `limit` null means no limit. */
export type Usage = Schemas['Usage'];
export type QueueItem = Schemas['QueueItem'];
/** A page of a thread's history (`GET /threads/{id}/messages`): `cursor` is a message id,
 * a page's `next` (null: the page starts the thread). */
export type MessagePageQuery = NonNullable<paths['/threads/{id}/messages']['get']['parameters']['query']>;

/** One reply and the message it answers (`GET /chats`, admins and managers). */
export type ChatRecord = Schemas['ChatRecord'];
/** The chat history's filters and paging (`GET /chats` without `format`). */
export type ChatFilter = Omit<NonNullable<paths['/chats']['get']['parameters']['query']>, 'format'>;
/** One account's messages and tokens (`GET /usage`, admins and managers). */
export type UserUsage = Schemas['UserUsage'];
export type UsageReport = Schemas['UsageReport'];
/** The usage report's filters: a user, a range of UTC days (`GET /usage` without `format`). */
export type UsageFilter = Omit<NonNullable<paths['/usage']['get']['parameters']['query']>, 'format'>;

export type EventItem = Schemas['Event'];
export type EventKind = Schemas['EventKind'];
/** Every event kind the engine logs, in the API's order (the event log's type picker). */
export const EVENT_KINDS: readonly EventKind[] = eventKindValues;
/** The event log's filters and paging (`GET /events` without `format`). */
export type EventFilter = Omit<NonNullable<paths['/events']['get']['parameters']['query']>, 'format'>;

export type SystemSettings = Schemas['Settings'];
export type SettingsPatch = Schemas['SettingsPatch'];

export type ServerStatus = Schemas['LanStatus'];
export type ServerAction = Schemas['ServerAction'];
export type AdminCredentials = Schemas['AdminCredentials'];

// Request bodies.
export type LoginRequest = Schemas['LoginRequest'];
export type UnlockRequest = Schemas['UnlockRequest'];
export type LockSet = Schemas['LockSet'];
export type LockRemove = Schemas['LockRemove'];
export type PasswordChange = Schemas['PasswordChange'];
export type PasswordReset = Schemas['PasswordReset'];
export type MembersPut = Schemas['MembersPut'];
export type UserWorkspacesPut = Schemas['UserWorkspacesPut'];
export type ThreadTitle = Schemas['ThreadTitle'];
export type ModeRequest = Schemas['ModeRequest'];
export type ChatMessageRequest = Schemas['ChatMessageRequest'];

/** Unix seconds, as the engine sends every time. */
export type Timestamp = Schemas['Workspace']['createdAt'];

export type WorkspaceList = Schemas['WorkspaceList'];
export type DocumentList = Schemas['DocumentList'];
export type SearchResults = Schemas['SearchResults'];
export type ThreadList = Schemas['ThreadList'];
export type MessageList = Schemas['MessageList'];
export type ModelList = Schemas['ModelList'];
export type EmbedderList = Schemas['EmbedderList'];
export type ProviderList = Schemas['ProviderList'];
export type QueueItemList = Schemas['QueueItemList'];
export type MemberList = Schemas['MemberList'];
export type UserList = Schemas['UserViewList'];
export type LoginUserList = Schemas['LoginListUserList'];
export type SessionList = Schemas['SessionList'];
export type MemoryList = Schemas['MemoryList'];
export type EventList = Schemas['EventList'];
export type ChatRecordList = Schemas['ChatRecordList'];
export type LoginResponse = Schemas['LoginResponse'];
export type UserResponse = Schemas['UserResponse'];
export type ModeResponse = Schemas['ModeResponse'];
export type SessionsEnded = Schemas['SessionsEnded'];
export type EventsCleared = Schemas['EventsCleared'];
