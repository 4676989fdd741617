import { useState } from 'preact/hooks';
import { api, type Thread } from '../../api';
import { Field } from '../../components/Field';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { THREAD_TITLE_MAX } from './limits';

/** "New chat": a title (or "New chat") and the button. */
export function CreateThreadForm({ slug, onCreated }: { slug: string; onCreated: (t: Thread) => void }) {
  const [title, setTitle] = useState('');
  const create = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    const t = title.trim() || 'New chat';
    const r = await create.run(() => api.workspaces.createThread(slug, t));
    if (r.ok) {
      onCreated(r.result);
      setTitle('');
    }
  };

  return (
    <form class="card create-form" onSubmit={submit} noValidate data-testid="create-thread-form">
      <h2>New chat</h2>
      <Field label="Title" value={title} onInput={setTitle} maxLength={THREAD_TITLE_MAX} placeholder="New chat" testId="create-thread-title" />
      <ErrorNote message={create.error} testId="create-thread-error" />
      <div class="actions">
        <button type="submit" class="btn primary" disabled={create.busy} data-testid="create-thread-submit">
          Start a chat
        </button>
      </div>
    </form>
  );
}
