import type { EventFilter } from '../../api';
import { localDaySeconds } from '../../lib/format';
import { kindFromInput } from './kinds';

/** The filter form as picked: a kind (its code; '' for all), a person (an id, or a username typed
 * when the list of people could not be read), two days (YYYY-MM-DD). */
export interface Filters {
  type: string;
  user: string;
  from: string;
  to: string;
}
export const EMPTY: Filters = { type: '', user: '', from: '', to: '' };

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
    from: f.from ? localDaySeconds(f.from, false) : undefined,
    to: f.to ? localDaySeconds(f.to, true) : undefined,
  };
}
