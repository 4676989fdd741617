// What the signed-in user may see. The server refuses anything else anyway (403); these
// only keep menus and buttons honest.
import type { Me, Role, Status } from '../api';

export const isAdmin = (me: Me) => me.role === 'admin';
export const isManagerOrAdmin = (me: Me) => me.role === 'admin' || me.role === 'manager';
export const isMulti = (status: Status) => status.mode === 'multi';
export const isHost = (status: Status) => status.host === true;

/** Create, rename, delete workspaces and edit their members. */
export const canManageWorkspaces = (me: Me) => isManagerOrAdmin(me);
/** Users admin screen (multi-user mode only: in single-user mode nobody else can sign in). */
export const canManageUsers = (status: Status, me: Me) => isMulti(status) && isManagerOrAdmin(me);
/** The chat history and the usage report: admins and managers, in multi-user mode (in
 * single-user mode every chat is the owner's own, in its workspaces). */
export const canSeeChats = (status: Status, me: Me) => isMulti(status) && isManagerOrAdmin(me);
export const canSeeUsage = (status: Status, me: Me) => isMulti(status) && isManagerOrAdmin(me);
/** Cancel anyone's queued message, pause and resume the queue. */
export const canRunQueue = (me: Me) => isAdmin(me);
/** The event log and system settings are admin-only. */
export const canSeeEvents = (me: Me) => isAdmin(me);
/** The share wizard: the owner at the host, in single-user mode. */
export const canShare = (status: Status, me: Me) => !isMulti(status) && isHost(status) && isAdmin(me);
/** The LAN server panel: an admin at the host in multi-user mode. */
export const canRunServer = (status: Status, me: Me) => isMulti(status) && isHost(status) && isAdmin(me);

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  default: 'Default',
};
export const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? role;
