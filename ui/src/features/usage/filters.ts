import type { UsageFilter } from '../../api';
import { todayUtc } from '../../lib/format';

/** The filter form as typed: a user, a range of UTC days (YYYY-MM-DD). */
export interface Filters {
  user: string;
  from: string;
  to: string;
}

/** Today (UTC), everyone. */
export const today = (): Filters => {
  const day = todayUtc();
  return { user: '', from: day, to: day };
};

/** What is wrong with the filters, in words, or null. */
export function filterProblem(f: Filters): string | null {
  if (f.from && f.to && f.from > f.to) return 'The “From” day is after the “To” day. Swap them, then press Show.';
  return null;
}

export function toApi(f: Filters): UsageFilter {
  return { user: f.user.trim() || undefined, from: f.from || undefined, to: f.to || undefined };
}
