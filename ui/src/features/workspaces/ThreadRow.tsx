import { useState } from 'preact/hooks';
import { api, type Thread } from '../../api';
import { Field } from '../../components/Field';
import { ErrorNote } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { linkClick } from '../../lib/router';
import { useAction } from '../../lib/useAction';
import { THREAD_TITLE_MAX } from './limits';

/** One of the person's chats: rename or delete in place. */
export function ThreadRow({
  slug,
  thread,
  onChanged,
  onDeleted,
}: {
  /** The workspace's slug (the chat's address is under it). */
  slug: string;
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
        <h3 class="ws-name">
          <a
            href={`/workspaces/${encodeURIComponent(slug)}/threads/${encodeURIComponent(thread.id)}`}
            onClick={linkClick}
            class="ws-link"
            data-testid="thread-link"
          >
            {thread.title}
          </a>
        </h3>
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
          <Field label={`New title for “${thread.title}”`} value={title} onInput={setTitle} maxLength={THREAD_TITLE_MAX} autoFocus />
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
