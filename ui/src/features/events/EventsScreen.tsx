import { Pager } from '../../components/Pager';
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Loading } from '../../components/Loading';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import type { Session } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { ClearLog } from './ClearLog';
import { EventFilters } from './EventFilters';
import { EventTable } from './EventTable';
import { EMPTY, filterProblem, toApi, type Filters } from './filters';
import { namesFrom, NO_NAMES } from './names';
import './events.css';
import { useFlash } from '../../lib/useFlash';

const PAGE = 50;

/** `/admin/events`: the event log with filters, paging, CSV download and clearing. */
export function EventsScreen(_props: { session: Session }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [cleared, setCleared] = useFlash<number>();
  const page = useResource((signal) => api.events.list({ ...toApi(applied), limit: PAGE, offset }, { signal }), [applied, offset]);
  // People and workspaces by name (admins may read both lists); without them, ids show.
  const lists = useResource(async (signal) => {
    const [users, workspaces] = await Promise.all([
      api.users.list({ signal }).then((r) => r.items, () => []),
      api.workspaces.list({ signal }).then((r) => r.items, () => []),
    ]);
    return { users, workspaces };
  }, []);
  const names = lists.data ? namesFrom(lists.data.users, lists.data.workspaces) : NO_NAMES;

  if (page.error && page.error.status === 403) return <NotAllowed title="Event log" message={page.error.message} />;

  const apply = () => {
    const problem = filterProblem(draft);
    setFormError(problem);
    if (problem) return;
    setOffset(0);
    setCleared(null);
    setApplied({ ...draft });
  };
  const reset = () => {
    setDraft(EMPTY);
    setFormError(null);
    setOffset(0);
    setApplied(EMPTY);
  };
  /** The confirmation closes: the focus goes back to the button that opened it. */
  const closeClear = () => {
    setConfirmClear(false);
    window.setTimeout(() => document.querySelector<HTMLElement>('[data-testid="events-clear"]')?.focus(), 0);
  };
  const onCleared = (removed: number) => {
    setCleared(removed);
    closeClear();
    setOffset(0);
    page.reload();
  };

  const filtered = Object.values(applied).some(Boolean);
  const items = page.data?.items ?? null;
  const hasNext = page.data?.next != null;
  const error = formError ?? page.error?.message ?? null;

  return (
    <section class="screen wide" aria-labelledby="events-title" data-testid="events-screen">
      <div class="screen-head">
        <h1 id="events-title">Event log</h1>
        <p class="muted">Sign-ins, account changes, mode switches and server starts: who, when and from where.</p>
      </div>

      <EventFilters
        draft={draft}
        onDraft={setDraft}
        applied={applied}
        people={lists.data?.users ?? null}
        filtered={filtered}
        onApply={apply}
        onReset={reset}
        onClear={() => {
          setCleared(null);
          setConfirmClear(true);
        }}
      />

      {confirmClear && <ClearLog onCleared={onCleared} onCancel={closeClear} />}
      {cleared !== null && (
        <SuccessNote testId="events-cleared">
          Cleared {cleared} event{cleared === 1 ? '' : 's'}.
        </SuccessNote>
      )}

      {error && (
        <div class="stack">
          <ErrorNote message={error} testId="events-error" />
        </div>
      )}
      {!error && items === null && <Loading>Loading events…</Loading>}
      {items && items.length === 0 && (
        <div class="empty" data-testid="events-empty">
          <p class="empty-title">No events</p>
          <p class="muted">{filtered ? 'Nothing matches these filters.' : 'The log is empty.'}</p>
        </div>
      )}
      {items && items.length > 0 && <EventTable items={items} names={names} />}
      {items && (
        <Pager
          label="Event pages"
          offset={offset}
          count={items.length}
          pageSize={PAGE}
          hasNext={hasNext}
          onOffset={setOffset}
          testPrefix="events"
        />
      )}
    </section>
  );
}
