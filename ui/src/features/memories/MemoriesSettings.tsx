import { useState } from 'preact/hooks';
import { api, type Memory } from '../../api';
import { Loading } from '../../components/Loading';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { isMulti } from '../../lib/access';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';
import { useResource } from '../../lib/useResource';
import { MemoryRow } from './MemoryRow';
import { MemoryText } from './MemoryText';
import { memoryProblem } from './rules';
import './memories.css';
import { useFlash } from '../../lib/useFlash';

/** Settings → Memories (PRODUCT A4): what the model is told about the person with every
 * message; add, edit in place, remove. Only their owner ever reads them. */
export function MemoriesSettings({ session }: { session: Session }) {
  const list = useResource(async (signal) => (await api.me.memories({ signal })).items, []);
  const items = list.data;

  const added = (m: Memory) => list.setData((prev) => [m, ...(prev ?? []).filter((x) => x.id !== m.id)]);
  const changed = (m: Memory) => list.setData((prev) => (prev ?? []).map((x) => (x.id === m.id ? m : x)));
  const removed = (id: string) => list.setData((prev) => (prev ?? []).filter((x) => x.id !== id));

  return (
    <div class="stack-lg" data-testid="memories-settings">
      <div>
        <h2 class="section-title">Memories</h2>
        <p class="muted" data-testid="memories-about">
          Memories are things Hearth tells the model about you with every message you send, so you do not have to repeat
          them. Only you see them{isMulti(session.status) ? ': not even this Hearth’s admins can' : ''}.
        </p>
      </div>

      <AddMemory onAdded={added} />

      <div>
        <div class="list-heading">
          <h3>Your memories</h3>
          {items && items.length > 0 && (
            <span class="count" data-testid="memory-count">
              {items.length}
            </span>
          )}
        </div>
        <p class="hint memories-budget">
          Newest first. The model gets the newest ones that fit in about 2,000 characters; older ones stay here but are left out.
        </p>
        <ErrorNote message={list.error?.message ?? null} testId="memories-error" />
        {items === null && !list.error && <Loading>Loading your memories…</Loading>}
        {items && items.length === 0 && (
          <div class="empty" data-testid="memories-empty">
            <p class="empty-title">No memories yet</p>
            <p class="muted">Add one above, or press “Remember this” on a message in a chat.</p>
          </div>
        )}
        {items && items.length > 0 && (
          <ul class="ws-list" aria-label="Your memories" data-testid="memory-list">
            {items.map((m) => (
              <MemoryRow key={m.id} memory={m} onChanged={changed} onRemoved={removed} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** A new memory, typed by hand. */
function AddMemory({ onAdded }: { onAdded: (m: Memory) => void }) {
  const [text, setText] = useState('');
  const [done, setDone] = useFlash<true>();
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    const problem = memoryProblem(text, 'Type what Hearth should remember about you, then press Add memory.');
    if (problem) return action.setError(problem);
    const r = await action.run(() => api.me.addMemory({ content: text.trim() }));
    if (r.ok) {
      setText('');
      setDone(true);
      onAdded(r.result);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="memory-add-form">
      <MemoryText
        label="New memory"
        value={text}
        onInput={(v) => {
          setText(v);
          setDone(null);
        }}
        invalid={!!action.error}
        testId="memory-add-input"
      />
      <ErrorNote message={action.error} testId="memory-add-error" />
      {done && !action.error && <SuccessNote testId="memory-add-success">Memory added. The model gets it from your next message on.</SuccessNote>}
      <div class="actions">
        <button type="submit" class="btn primary" disabled={action.busy} data-testid="memory-add-submit">
          Add memory
        </button>
      </div>
    </form>
  );
}
