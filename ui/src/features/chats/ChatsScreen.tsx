import { Pager } from '../../components/Pager';
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Loading } from '../../components/Loading';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNote } from '../../components/Notice';
import { isAdmin } from '../../lib/access';
import { isAbortError } from '../../lib/errors';
import type { Session } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { useModels } from '../models/useModels';
import { ChatFilters } from './ChatFilters';
import { ChatTable } from './ChatTable';
import { EMPTY, filterProblem, toApi, type Filters } from './filters';
import './chats.css';

const PAGE = 50;

/** `/admin/chats`: every reply with the message it answers, newest first, across people and
 * workspaces (admins and managers), with filters, paging and CSV download. */
export function ChatsScreen({ session }: { session: Session }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const page = useResource((signal) => api.chats.list({ ...toApi(applied), limit: PAGE, offset }, { signal }), [applied, offset]);
  // Suggestions for the workspace filter and names for models; a failure only costs those.
  const workspaces = useResource(
    (signal) =>
      api.workspaces.list({ signal }).then(
        (r) => r.items,
        (err: unknown) => {
          if (isAbortError(err)) throw err;
          return [];
        },
      ),
    [],
  );
  const models = useModels(isAdmin(session.me));

  if (page.error && page.error.status === 403) return <NotAllowed title="Chat history" message={page.error.message} />;

  const apply = () => {
    const problem = filterProblem(draft);
    setFormError(problem);
    if (problem) return;
    setOffset(0);
    setApplied({ ...draft });
  };
  const reset = () => {
    setDraft(EMPTY);
    setFormError(null);
    setOffset(0);
    setApplied(EMPTY);
  };

  const filtered = Object.values(applied).some(Boolean);
  const items = page.data?.items ?? null;
  const hasNext = page.data?.next != null;
  const error = formError ?? page.error?.message ?? null;

  return (
    <section class="screen wide" aria-labelledby="chats-title" data-testid="chats-screen">
      <div class="screen-head">
        <h1 id="chats-title">Chat history</h1>
        <p class="muted">Every reply and the message it answers, newest first, across people and workspaces.</p>
      </div>

      <ChatFilters
        draft={draft}
        onDraft={setDraft}
        applied={applied}
        filtered={filtered}
        workspaces={workspaces.data ?? []}
        onApply={apply}
        onReset={reset}
      />

      {error && (
        <div class="stack">
          <ErrorNote message={error} testId="chats-error" />
        </div>
      )}
      {!error && items === null && <Loading>Loading chats…</Loading>}
      {items && items.length === 0 && (
        <div class="empty" data-testid="chats-empty">
          <p class="empty-title">No chats</p>
          <p class="muted">{filtered ? 'Nothing matches these filters.' : 'Nobody has sent a message yet.'}</p>
        </div>
      )}
      {items && items.length > 0 && <ChatTable items={items} models={models.data?.models ?? null} names={models.data?.names} />}
      {items && (
        <Pager
          label="Chat pages"
          offset={offset}
          count={items.length}
          pageSize={PAGE}
          hasNext={hasNext}
          onOffset={setOffset}
          testPrefix="chats"
        />
      )}
    </section>
  );
}
