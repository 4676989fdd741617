import type { EventFilter } from '../../api';
import { kindFromInput } from './kinds';

/** The filter form as typed: a kind (name or words), a user, two days (YYYY-MM-DD). */
export interface Filters {
  type: string;
  user: string;
  from: string;
  to: string;
}
export const EMPTY: Filters = { type: '', user: '', from: '', to: '' };

/** Unix seconds at the start (or end) of a local calendar day given as YYYY-MM-DD. */
function daySeconds(day: string, end: boolean): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const t = end ? new Date(y, m - 1, d, 23, 59, 59) : new Date(y, m - 1, d, 0, 0, 0);
  return Math.floor(t.getTime() / 1000);
}

/** What is wrong with the filters, in words, or null. */
export function filterProblem(f: Filters): string | null {
  if (f.type.trim() && !kindFromInput(f.type)) {
    return `“${f.type.trim()}” is not a type of event. Pick one from the list, or leave Type empty for all.`;
  }
  if (f.from && f.to && f.from > f.to) return 'The “From” day is after the “To” day. Swap them, then press Filter.';
  return null;
}

export function toApi(f: Filters): EventFilter {
  return {
    type: kindFromInput(f.type),
    user: f.user.trim() || undefined,
    from: f.from ? daySeconds(f.from, false) : undefined,
    to: f.to ? daySeconds(f.to, true) : undefined,
  };
}
