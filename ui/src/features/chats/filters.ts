import type { ChatFilter } from '../../api';
import { localDaySeconds } from '../../lib/format';

/** The filter form as typed: a user, a workspace, two days (YYYY-MM-DD). */
export interface Filters {
  user: string;
  workspace: string;
  from: string;
  to: string;
}
export const EMPTY: Filters = { user: '', workspace: '', from: '', to: '' };

/** What is wrong with the filters, in words, or null. */
export function filterProblem(f: Filters): string | null {
  if (f.from && f.to && f.from > f.to) return 'The “From” day is after the “To” day. Swap them, then press Filter.';
  return null;
}

export function toApi(f: Filters): ChatFilter {
  return {
    user: f.user.trim() || undefined,
    workspace: f.workspace.trim() || undefined,
    from: f.from ? localDaySeconds(f.from, false) : undefined,
    to: f.to ? localDaySeconds(f.to, true) : undefined,
  };
}
