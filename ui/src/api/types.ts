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

export type Workspace = Schemas['Workspace'];
export type WorkspaceCreate = Schemas['WorkspaceCreate'];
export type WorkspacePatch = Schemas['WorkspacePatch'];
export type Thread = Schemas['Thread'];

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

/** Unix seconds, as the engine sends every time. */
export type Timestamp = Schemas['Workspace']['createdAt'];

export type WorkspaceList = Schemas['WorkspaceList'];
export type ThreadList = Schemas['ThreadList'];
export type MemberList = Schemas['MemberList'];
export type UserList = Schemas['UserViewList'];
export type LoginUserList = Schemas['LoginListUserList'];
export type SessionList = Schemas['SessionList'];
export type EventList = Schemas['EventList'];
export type LoginResponse = Schemas['LoginResponse'];
export type UserResponse = Schemas['UserResponse'];
export type ModeResponse = Schemas['ModeResponse'];
export type SessionsEnded = Schemas['SessionsEnded'];
export type EventsCleared = Schemas['EventsCleared'];
