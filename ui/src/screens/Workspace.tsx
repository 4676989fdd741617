import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, type Thread, type Workspace } from '../api';
import { canManageWorkspaces, formatDateTime, isMulti } from '../access';
import type { Session } from '../app';
import { Field } from '../components/Field';
import { ErrorNote } from '../components/Notice';
import { useAction } from '../components/useAction';
import { linkClick } from '../router';
import { MembersForm } from './Workspaces';

/** One workspace: the signed-in person's own threads in it (W3) and, for managers, its members. */
export function WorkspaceScreen({ session, slug }: { session: Session; slug: string }) {
  const [ws, setWs] = useState<Workspace | null>(null);
  const [threads, setThreads] = useState<Thread[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showMembers, setShowMembers] = useState(false);
  const [title, setTitle] = useState('');
  const create = useAction();

  useEffect(() => {
    let live = true;
    setWs(null);
    setThreads(null);
    setLoadError(null);
    Promise.all([api.workspaces.get(slug), api.workspaces.threads(slug)])
      .then(([w, t]) => {
        if (!live) return;
        setWs(w);
        setThreads(t.items);
        document.title = `${w.name} · Hearth`;
      })
      .catch((err) => {
        if (!live) return;
        setLoadError(
          err instanceof ApiError && err.status === 404
            ? 'This workspace does not exist, or you have not been added to it. Ask an admin or a manager if you need it.'
            : errorMessage(err),
        );
      });
    return () => {
      live = false;
    };
  }, [slug]);

  const addThread = async (e: Event) => {
    e.preventDefault();
    const t = title.trim() || 'New chat';
    const r = await create.run(() => api.workspaces.createThread(slug, t));
    if (r.ok) {
      setThreads((prev) => [r.result, ...(prev ?? [])]);
      setTitle('');
    }
  };

  if (loadError) {
    return (
      <section class="screen" aria-labelledby="ws-page-title">
        <div class="screen-head">
          <h1 id="ws-page-title">Workspace</h1>
        </div>
        <ErrorNote message={loadError} testId="workspace-error" />
        <a href="/" onClick={linkClick}>
          ← All workspaces
        </a>
      </section>
    );
  }
  if (!ws || !threads) {
    return (
      <section class="screen">
        <p class="muted" role="status">
          Loading…
        </p>
      </section>
    );
  }

  const members = canManageWorkspaces(session.me) && isMulti(session.status);
  return (
    <section class="screen" aria-labelledby="ws-page-title" data-testid="workspace-screen">
      <p class="breadcrumb">
        <a href="/" onClick={linkClick}>
          ← All workspaces
        </a>
      </p>
      <div class="screen-head">
        <h1 id="ws-page-title">{ws.name}</h1>
        {ws.systemPrompt ? <p class="muted ws-prompt">{ws.systemPrompt}</p> : null}
      </div>

      {members && (
        <div class="ws-item members-box">
          <div class="ws-main">
            <h2 class="ws-name">Members</h2>
            <p class="muted">Choose which default users can use this workspace.</p>
          </div>
          {!showMembers && (
            <div class="ws-actions">
              <button type="button" class="btn small" onClick={() => setShowMembers(true)} data-testid="workspace-members">
                Edit members
              </button>
            </div>
          )}
          {showMembers && <MembersForm ws={ws} onClose={() => setShowMembers(false)} />}
        </div>
      )}

      <form class="card create-form" onSubmit={addThread} noValidate data-testid="create-thread-form">
        <h2>New chat</h2>
        <Field label="Title" value={title} onInput={setTitle} maxLength={200} placeholder="New chat" testId="create-thread-title" />
        <ErrorNote message={create.error} testId="create-thread-error" />
        <div class="actions">
          <button type="submit" class="btn primary" disabled={create.busy} data-testid="create-thread-submit">
            Start a chat
          </button>
        </div>
      </form>

      <h2 class="list-heading">
        Your chats {threads.length > 0 && <span class="count">{threads.length}</span>}
      </h2>
      <p class="hint">Your chats here are yours alone; other people in this workspace have their own.</p>
      {threads.length === 0 ? (
        <div class="empty" data-testid="threads-empty">
          <p class="empty-title">No chats yet</p>
          <p class="muted">Start one above.</p>
        </div>
      ) : (
        <ul class="ws-list" data-testid="thread-list">
          {threads.map((t) => (
            <ThreadRow
              key={t.id}
              thread={t}
              onChanged={(n) => setThreads((prev) => (prev ?? []).map((x) => (x.id === n.id ? n : x)))}
              onDeleted={() => setThreads((prev) => (prev ?? []).filter((x) => x.id !== t.id))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ThreadRow({
  thread,
  onChanged,
  onDeleted,
}: {
  thread: Thread;
  onChanged: (t: Thread) => void;
  onDeleted: () => void;
}) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [title, setTitle] = useState(thread.title);
  const action = useAction();

  const rename = async (e: Event) => {
    e.preventDefault();
    if (!title.trim()) return action.setError('A chat needs a title. Type one, or press Cancel.');
    const r = await action.run(() => api.threads.rename(thread.id, title.trim()));
    if (r.ok) {
      onChanged(r.result);
      setMode('view');
    }
  };
  const remove = async () => {
    const r = await action.run(() => api.threads.remove(thread.id));
    if (r.ok) onDeleted();
  };

  return (
    <li class="ws-item" data-testid="thread-item" onKeyDown={(e) => e.key === 'Escape' && setMode('view')}>
      <div class="ws-main">
        <h3 class="ws-name">{thread.title}</h3>
        <p class="ws-meta">Updated {formatDateTime(thread.updatedAt)}</p>
      </div>
      {mode === 'view' && (
        <div class="ws-actions">
          <button type="button" class="btn small" onClick={() => { setTitle(thread.title); action.setError(null); setMode('rename'); }} aria-label={`Rename ${thread.title}`}>
            Rename
          </button>
          <button type="button" class="btn small danger-outline" onClick={() => { action.setError(null); setMode('delete'); }} aria-label={`Delete ${thread.title}`}>
            Delete
          </button>
        </div>
      )}
      {mode === 'rename' && (
        <form class="ws-form" onSubmit={rename} noValidate>
          <Field label={`New title for “${thread.title}”`} value={title} onInput={setTitle} maxLength={200} autoFocus />
          <ErrorNote message={action.error} />
          <div class="actions">
            <button type="submit" class="btn primary small" disabled={action.busy}>
              Save
            </button>
            <button type="button" class="btn small" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'delete' && (
        <div class="ws-form" role="group" aria-label={`Confirm deleting ${thread.title}`}>
          <p class="confirm-text">Delete “{thread.title}” and its messages? This cannot be undone.</p>
          <ErrorNote message={action.error} />
          <div class="actions">
            <button type="button" class="btn danger small" onClick={remove} disabled={action.busy}>
              Delete
            </button>
            <button type="button" class="btn small" onClick={() => setMode('view')} autoFocus>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
