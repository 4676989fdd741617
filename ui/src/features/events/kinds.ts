// The event kinds come from the API (EVENT_KINDS, generated from its EventKind enum); their
// words for people live here. A Record over EventKind: when the engine adds a kind,
// `npm run gen:api` makes the type check fail here until the new kind has its words.
import { EVENT_KINDS, type EventKind } from '../../api';

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  access_denied: 'Access refused',
  avatar_changed: 'Picture changed',
  avatar_removed: 'Picture removed',
  events_cleared: 'Event log cleared',
  host_login: 'Host login',
  host_login_refused: 'Host login refused',
  lock: 'Locked',
  lock_password_changed: 'Lock password changed',
  lock_password_check_failed: 'Wrong lock password',
  lock_password_check_throttled: 'Lock password checks throttled',
  lock_password_removed: 'Lock password removed',
  lock_password_set: 'Lock password set',
  login_failed: 'Sign-in failed',
  login_ok: 'Signed in',
  login_throttled: 'Sign-ins throttled',
  logout: 'Signed out',
  memberships_changed: 'Workspace members changed',
  mode_switch_failed: 'Mode switch failed',
  mode_switch_throttled: 'Mode switches throttled',
  mode_switched: 'Mode switched',
  password_change_failed: 'Password change failed',
  password_change_throttled: 'Password changes throttled',
  password_changed: 'Password changed',
  password_reset: 'Password reset',
  provider_added: 'Model provider added',
  provider_changed: 'Model provider changed',
  provider_removed: 'Model provider removed',
  queue_item_cancelled: 'Queue item cancelled',
  queue_paused: 'Queue paused',
  queue_resumed: 'Queue resumed',
  role_changed: 'Role changed',
  server_started: 'Server started',
  server_stopped: 'Server stopped',
  session_ended: 'Session ended',
  sessions_ended: 'Sessions ended',
  settings_changed: 'Settings changed',
  unlock: 'Unlocked',
  unlock_failed: 'Unlock failed',
  unlock_throttled: 'Unlocks throttled',
  user_created: 'User created',
  user_deleted: 'User deleted',
  user_edited: 'User edited',
  user_suspended: 'User suspended',
  user_unsuspended: 'User unsuspended',
  workspace_created: 'Workspace created',
  workspace_deleted: 'Workspace deleted',
  workspace_updated: 'Workspace updated',
};

/** Words for a kind (a kind this UI does not know yet shows as it is). */
export const kindLabel = (kind: string) => EVENT_KIND_LABELS[kind as EventKind] ?? kind;

/** The kind picked in the filter: its name (`user_created`) or its words ("User created"),
 * in any case; undefined when it is neither. */
export function kindFromInput(text: string): EventKind | undefined {
  const t = text.trim().toLowerCase();
  return EVENT_KINDS.find((k) => k === t || EVENT_KIND_LABELS[k].toLowerCase() === t);
}

/** Kinds shown as a warning (failures, throttling, refusals). */
export const isWarning = (kind: string) => /fail|throttl|refused|suspended/.test(kind);
