// Who may give which role, and the words and checks of the user forms.
import type { Me, Role, User } from '../../api';
import { isAdmin, roleLabel } from '../../lib/access';

export const PASSWORD_HINT = 'At least 8 characters. Tell it to them in person; they can change it in their settings.';
export const USERNAME_HINT = 'Lowercase, 2–64 characters; start with a letter, then letters, digits, “.”, “_” or “-”.';
export const LIMIT_HINT = 'Messages to the model per day (resets at 00:00 UTC). Leave empty for no limit.';
export const LIMIT_INVALID = 'The daily limit is a whole number, or empty for no limit.';

/** Roles the signed-in person may give: managers never create or promote an admin. */
export function assignableRoles(me: Me): { value: Role; label: string }[] {
  const roles: Role[] = isAdmin(me) ? ['default', 'manager', 'admin'] : ['default', 'manager'];
  return roles.map((r) => ({ value: r, label: roleLabel(r) }));
}

/** Whether the signed-in person may act on this account at all (managers: not on admins). */
export const mayActOn = (me: Me, u: User) => isAdmin(me) || u.role !== 'admin';

/** The daily message limit field: empty is no limit. */
export function parseLimit(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (!t) return null;
  if (!/^\d{1,9}$/.test(t)) return 'invalid';
  return Number(t);
}

export const limitText = (limit: number | null) => (limit == null ? '' : String(limit));
