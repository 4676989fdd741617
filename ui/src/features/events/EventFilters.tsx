import { FilterActions } from '../../components/FilterActions';
import { useId } from 'preact/hooks';
import { EVENT_KINDS, eventsCsvUrl } from '../../api';
import { Field } from '../../components/Field';
import { toApi, type Filters } from './filters';
import { EVENT_KIND_LABELS } from './kinds';

/** The filter form: a type picked from the API's event kinds, a user, a range of days;
 * Filter, Show all, the CSV of what is filtered, and Clear. */
export function EventFilters(props: {
  draft: Filters;
  onDraft: (f: Filters) => void;
  applied: Filters;
  filtered: boolean;
  onApply: () => void;
  onReset: () => void;
  onClear: () => void;
}) {
  const { draft } = props;
  const id = useId();
  const set = (k: keyof Filters) => (v: string) => props.onDraft({ ...draft, [k]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    props.onApply();
  };

  return (
    <form class="card filters" onSubmit={submit} noValidate data-testid="events-filters" aria-label="Filter events">
      <div class="field-row four">
        <div class="field">
          <label for={`${id}-type`}>Type</label>
          <input
            id={`${id}-type`}
            type="text"
            list={`${id}-kinds`}
            value={draft.type}
            onInput={(e) => set('type')((e.currentTarget as HTMLInputElement).value)}
            autoComplete="off"
            data-testid="events-type"
          />
          <datalist id={`${id}-kinds`}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k} label={EVENT_KIND_LABELS[k]} />
            ))}
          </datalist>
        </div>
        <Field label="User (username or id)" value={draft.user} onInput={set('user')} testId="events-user" />
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
