import { FilterActions } from '../../components/FilterActions';
import { useId } from 'preact/hooks';
import { chatsCsvUrl, type Workspace } from '../../api';
import { Field } from '../../components/Field';
import { toApi, type Filters } from './filters';

/** The filter form: a user, a workspace (picked from the list or typed), a range of days;
 * Filter, Show all, and the CSV of what is filtered. */
export function ChatFilters(props: {
  draft: Filters;
  onDraft: (f: Filters) => void;
  applied: Filters;
  filtered: boolean;
  workspaces: Workspace[];
  onApply: () => void;
  onReset: () => void;
}) {
  const { draft } = props;
  const id = useId();
  const set = (k: keyof Filters) => (v: string) => props.onDraft({ ...draft, [k]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    props.onApply();
  };

  return (
    <form class="card filters" onSubmit={submit} noValidate data-testid="chats-filters" aria-label="Filter chats">
      <div class="field-row four">
        <Field label="User (username or id)" value={draft.user} onInput={set('user')} testId="chats-user" />
        <div class="field">
          <label for={`${id}-workspace`}>Workspace</label>
          <input
            id={`${id}-workspace`}
            type="text"
            list={`${id}-workspaces`}
            value={draft.workspace}
            onInput={(e) => set('workspace')((e.currentTarget as HTMLInputElement).value)}
            autoComplete="off"
            data-testid="chats-workspace"
          />
          <datalist id={`${id}-workspaces`}>
            {props.workspaces.map((w) => (
              <option key={w.id} value={w.slug} label={w.name} />
            ))}
          </datalist>
        </div>
        <Field label="From" type="date" value={draft.from} onInput={set('from')} testId="chats-from" />
        <Field label="To" type="date" value={draft.to} onInput={set('to')} testId="chats-to" />
      </div>
      <FilterActions
        testPrefix="chats"
        showReset={props.filtered}
        onReset={props.onReset}
        csvHref={chatsCsvUrl(toApi(props.applied))}
        csvName="hearth-chats.csv"
      />
    </form>
  );
}
