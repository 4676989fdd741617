import { FilterActions } from '../../components/FilterActions';
import { usageCsvUrl } from '../../api';
import { Field } from '../../components/Field';
import { toApi, type Filters } from './filters';

/** The filter form: a user, a range of UTC days; Show, Today, and the CSV of what is shown. */
export function UsageFilters(props: {
  draft: Filters;
  onDraft: (f: Filters) => void;
  applied: Filters;
  isToday: boolean;
  onApply: () => void;
  onReset: () => void;
}) {
  const { draft } = props;
  const set = (k: keyof Filters) => (v: string) => props.onDraft({ ...draft, [k]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    props.onApply();
  };

  return (
    <form class="card filters" onSubmit={submit} noValidate data-testid="usage-filters" aria-label="Choose the days">
      <div class="field-row four">
        <Field label="User (username or id)" value={draft.user} onInput={set('user')} testId="usage-user" />
        <Field label="From (UTC day)" type="date" value={draft.from} onInput={set('from')} testId="usage-from" />
        <Field label="To (UTC day)" type="date" value={draft.to} onInput={set('to')} testId="usage-to" />
      </div>
      <FilterActions
        testPrefix="usage"
        applyLabel="Show"
        resetLabel="Today, everyone"
        showReset={!props.isToday}
        onReset={props.onReset}
        csvHref={usageCsvUrl(toApi(props.applied))}
        csvName="hearth-usage.csv"
      />
    </form>
  );
}
