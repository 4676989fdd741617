import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Thread } from '../../api';
import { Field } from '../../components/Field';
import { ErrorNote } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { linkClick } from '../../lib/router';
import { useAction } from '../../lib/useAction';
import { THREAD_TITLE_MAX } from './limits';

type RowMode = 'view' | 'rename' | 'delete';

/** The button each mode returns the focus to when it closes. */
const OPENER: Record<Exclude<RowMode, 'view'>, string> = { rename: 'thread-rename', delete: 'thread-delete' };

/** One of the person's chats: rename or delete in place (Escape or Cancel closes either, the
 * focus back on the button that opened it). */
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
  const [mode, setMode] = useState<RowMode>('view');
  const [title, setTitle] = useState(thread.title);
  const action = useAction();
  const rowRef = useRef<HTMLLIElement>(null);

  const open = (next: Exclude<RowMode, 'view'>) => {
    setTitle(thread.title);
    action.setError(null);
    setMode(next);
  };
  const close = () => {
    if (mode === 'view') return;
    const focus = OPENER[mode];
    setMode('view');
    action.setError(null);
    window.setTimeout(() => rowRef.current?.querySelector<HTMLElement>(`[data-testid="${focus}"]`)?.focus(), 0);
  };

  // Into the opened form: the title (selected, to type over) or the confirmation's Cancel.
  useEffect(() => {
    if (mode === 'view') return;
    const el = rowRef.current?.querySelector<HTMLElement>('.ws-form input, [data-autofocus]');
    el?.focus();
    if (el instanceof HTMLInputElement) el.select();
  }, [mode]);

  const rename = async (e: Event) => {
    e.preventDefault();
    if (!title.trim()) return action.setError('A chat needs a title. Type one, or press Cancel.');
    const r = await action.run(() => api.threads.rename(thread.id, title.trim()));
    if (r.ok) {
      onChanged(r.result);
      close();
    }
  };
  const remove = async () => {
    const r = await action.run(() => api.threads.remove(thread.id));
    if (r.ok) onDeleted();
  };

  return (
    <li
      ref={rowRef}
      class={`ws-item${mode === 'delete' ? ' danger-zone' : ''}`}
      data-testid="thread-item"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && mode !== 'view') {
          e.preventDefault();
          close();
        }
      }}
    >
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
          <button type="button" class="btn small" onClick={() => open('rename')} aria-label={`Rename ${thread.title}`} data-testid="thread-rename">
            Rename
          </button>
          <button
            type="button"
            class="btn small danger-outline"
            onClick={() => open('delete')}
            aria-label={`Delete ${thread.title}`}
            data-testid="thread-delete"
          >
            Delete
          </button>
        </div>
      )}
      {mode === 'rename' && (
        <form class="ws-form" onSubmit={rename} noValidate data-testid="thread-rename-form">
          <Field
            label={`New title for “${thread.title}”`}
            value={title}
            onInput={setTitle}
            maxLength={THREAD_TITLE_MAX}
            testId="thread-rename-input"
          />
          <ErrorNote message={action.error} />
          <div class="actions">
            <button type="submit" class="btn primary small" disabled={action.busy}>
              Save
            </button>
            <button type="button" class="btn small" onClick={close} data-testid="thread-rename-cancel">
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'delete' && (
        <div class="ws-form" role="group" aria-label={`Confirm deleting ${thread.title}`} data-testid="thread-delete-confirm">
          <p class="confirm-text">Delete “{thread.title}” and its messages? This cannot be undone.</p>
          <ErrorNote message={action.error} />
          <div class="actions">
            <button type="button" class="btn danger small" onClick={remove} disabled={action.busy}>
              Delete
            </button>
            <button type="button" class="btn small" onClick={close} data-autofocus>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
