import { useId } from 'preact/hooks';
import { eventsCsvUrl, EVENT_KINDS, type User } from '../../api';
import { Field } from '../../components/Field';
import { FilterActions } from '../../components/FilterActions';
import { toApi, type Filters } from './filters';
import { EVENT_KIND_LABELS } from './kinds';

/** The kinds in words, alphabetically (the picker's order). */
const KINDS_BY_WORDS = [...EVENT_KINDS].sort((a, b) => EVENT_KIND_LABELS[a].localeCompare(EVENT_KIND_LABELS[b]));

/** The filter form: what happened (a kind, picked by its words), who (a person, picked by
 * name; typed as a username or id when the list of people cannot be read), a range of days;
 * Filter, Show all, the CSV of what is filtered, and Clear. */
export function EventFilters(props: {
  draft: Filters;
  onDraft: (f: Filters) => void;
  applied: Filters;
  /** Everyone with an account (null: not loaded, or not readable). */
  people: User[] | null;
  filtered: boolean;
  onApply: () => void;
  onReset: () => void;
  onClear: () => void;
}) {
  const { draft, people } = props;
  const id = useId();
  const set = (k: keyof Filters) => (v: string) => props.onDraft({ ...draft, [k]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    props.onApply();
  };
  const byName = people
    ? [...people].sort((a, b) => (a.displayName || a.username || '').localeCompare(b.displayName || b.username || ''))
    : null;

  return (
    <form class="card filters" onSubmit={submit} noValidate data-testid="events-filters" aria-label="Filter events">
      <div class="field-row four">
        <div class="field">
          <label for={`${id}-type`}>Type</label>
          <select
            id={`${id}-type`}
            value={draft.type}
            onChange={(e) => set('type')((e.currentTarget as HTMLSelectElement).value)}
            data-testid="events-type"
          >
            <option value="">Every type</option>
            {KINDS_BY_WORDS.map((k) => (
              <option key={k} value={k}>
                {EVENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        {byName ? (
          <div class="field">
            <label for={`${id}-user`}>Person</label>
            <select
              id={`${id}-user`}
              value={draft.user}
              onChange={(e) => set('user')((e.currentTarget as HTMLSelectElement).value)}
              data-testid="events-user"
            >
              <option value="">Everyone</option>
              {byName.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName && u.displayName !== u.username
                    ? `${u.displayName} (${u.username ?? 'owner'})`
                    : (u.username ?? (u.displayName || 'Owner'))}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <Field label="Person (username or id)" value={draft.user} onInput={set('user')} testId="events-user" />
        )}
        <Field label="From" type="date" value={draft.from} onInput={set('from')} testId="events-from" />
        <Field label="To" type="date" value={draft.to} onInput={set('to')} testId="events-to" />
      </div>
      <FilterActions
        testPrefix="events"
        showReset={props.filtered}
        onReset={props.onReset}
        csvHref={eventsCsvUrl(toApi(props.applied))}
        csvName="hearth-events.csv"
      >
        <button type="button" class="btn danger-outline push-right" onClick={props.onClear} data-testid="events-clear">
          Clear log…
        </button>
      </FilterActions>
    </form>
  );
}
