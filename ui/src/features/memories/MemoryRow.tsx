import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Memory } from '../../api';
import { FormActions } from '../../components/FormActions';
import { ErrorNote } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { MemoryText } from './MemoryText';
import { memoryLabel, memoryProblem } from './rules';

type RowMode = 'view' | 'edit' | 'remove';

/** The button each mode returns the focus to when it closes. */
const OPENER: Record<Exclude<RowMode, 'view'>, string> = { edit: 'memory-edit', remove: 'memory-remove' };

/** One memory: its text, edited in place, or removed after a confirmation. */
export function MemoryRow({
  memory,
  onChanged,
  onRemoved,
}: {
  memory: Memory;
  onChanged: (m: Memory) => void;
  onRemoved: (id: string) => void;
}) {
  const [mode, setMode] = useState<RowMode>('view');
  const [text, setText] = useState(memory.content);
  const action = useAction();
  const rowRef = useRef<HTMLLIElement>(null);
  const label = memoryLabel(memory.content);

  const open = (next: Exclude<RowMode, 'view'>) => {
    setText(memory.content);
    action.setError(null);
    setMode(next);
  };
  const close = () => {
    if (mode === 'view') return;
    const focus = OPENER[mode];
    setMode('view');
    window.setTimeout(() => rowRef.current?.querySelector<HTMLElement>(`[data-testid="${focus}"]`)?.focus(), 0);
  };

  // Focus the opened form's first control.
  useEffect(() => {
    if (mode === 'view') return;
    rowRef.current?.querySelector<HTMLElement>('textarea, [data-autofocus]')?.focus();
  }, [mode]);

  const save = async (e: Event) => {
    e.preventDefault();
    const problem = memoryProblem(text, 'A memory cannot be empty. Type something, or press Cancel.');
    if (problem) return action.setError(problem);
    if (text.trim() === memory.content) return close();
    const r = await action.run(() => api.me.updateMemory(memory.id, text.trim()));
    if (r.ok) {
      onChanged(r.result);
      close();
    }
  };
  const remove = async () => {
    const r = await action.run(() => api.me.removeMemory(memory.id));
    if (r.ok) onRemoved(memory.id);
  };

  const edited = memory.updatedAt > memory.createdAt;
  return (
    <li
      ref={rowRef}
      class={`ws-item memory-item${mode === 'remove' ? ' danger-zone' : ''}`}
      data-testid="memory-item"
      data-id={memory.id}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && mode !== 'view') {
          e.preventDefault();
          close();
        }
      }}
    >
      {mode === 'edit' ? (
        <form class="memory-edit" onSubmit={save} noValidate data-testid="memory-edit-form">
          <MemoryText label="Edit this memory" value={text} onInput={setText} rows={4} invalid={!!action.error} testId="memory-edit-input" />
          <FormActions testId="memory-edit" error={action.error} busy={action.busy} submitLabel="Save" onCancel={close} />
        </form>
      ) : (
        <>
          <div class="ws-main">
            <p class="memory-text" data-testid="memory-content">
              {memory.content}
            </p>
            <p class="ws-meta">
              Added {formatDateTime(memory.createdAt)}
              {edited ? ` · edited ${formatDateTime(memory.updatedAt)}` : ''}
              {memory.sourceMessageId ? ' · from a chat' : ''}
            </p>
          </div>
          {mode === 'view' && (
            <div class="ws-actions">
              <button type="button" class="btn small" onClick={() => open('edit')} aria-label={`Edit the memory “${label}”`} data-testid="memory-edit">
                Edit
              </button>
              <button
                type="button"
                class="btn small danger-outline"
                onClick={() => open('remove')}
                aria-label={`Remove the memory “${label}”`}
                data-testid="memory-remove"
              >
                Remove
              </button>
            </div>
          )}
          {mode === 'remove' && (
            <div class="ws-form" role="group" aria-label={`Confirm removing the memory “${label}”`} data-testid="memory-remove-confirm">
              <p class="confirm-text">Remove this memory? Hearth stops telling it to the model.</p>
              <ErrorNote message={action.error} testId="memory-remove-error" />
              <div class="actions">
                <button type="button" class="btn danger small" onClick={remove} disabled={action.busy} data-testid="memory-remove-confirm-button">
                  Remove
                </button>
                <button type="button" class="btn small" onClick={close} data-autofocus data-testid="memory-remove-cancel">
                  Cancel
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </li>
  );
}
