import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Message } from '../../api';
import { FormActions } from '../../components/FormActions';
import { ErrorNote } from '../../components/Notice';
import { linkClick } from '../../lib/router';
import { useAction } from '../../lib/useAction';
import { MemoryText } from '../memories/MemoryText';
import { MEMORY_MAX, memoryLength, memoryProblem } from '../memories/rules';

/** How long "Remembered." shows under the message. */
const CONFIRM_MS = 6000;

/**
 * "Remember this" on a message (rendered inside its actions row): the message's text becomes
 * one of the person's memories, with the message as its source. At once when it fits a memory;
 * when it is longer, in a form that opens below, prefilled, for the person to shorten first.
 */
export function RememberThis({ message }: { message: Message }) {
  const [state, setState] = useState<'idle' | 'shorten' | 'done'>('idle');
  const [text, setText] = useState('');
  const [confirm, setConfirm] = useState(false);
  const action = useAction();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!confirm) return;
    const timer = window.setTimeout(() => setConfirm(false), CONFIRM_MS);
    return () => window.clearTimeout(timer);
  }, [confirm]);
  useEffect(() => {
    if (state === 'shorten') formRef.current?.querySelector('textarea')?.focus();
  }, [state]);

  const save = async (content: string) => {
    const r = await action.run(() => api.me.addMemory({ content, sourceMessageId: message.id }));
    if (r.ok) {
      setState('done');
      setConfirm(true);
      buttonRef.current?.focus();
    }
  };
  const start = () => {
    // aria-disabled rather than disabled: the button keeps the focus while it works.
    if (state !== 'idle' || action.busy) return;
    const content = message.content.trim();
    action.setError(null);
    if (memoryLength(content) > MEMORY_MAX) {
      setText(content);
      setState('shorten');
      return;
    }
    void save(content);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = memoryProblem(text, 'A memory cannot be empty. Type what Hearth should remember, or press Cancel.');
    if (problem) return action.setError(problem);
    await save(text.trim());
  };
  const cancel = () => {
    action.setError(null);
    setState('idle');
    window.setTimeout(() => buttonRef.current?.focus(), 0);
  };

  const done = state === 'done';
  const inactive = state !== 'idle' || action.busy;
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        class={`btn small msg-action${done ? ' done' : ''}`}
        onClick={start}
        aria-disabled={inactive ? 'true' : undefined}
        title={done ? 'Saved in Settings → Memories' : 'Keep this as a memory: Hearth tells it to the model with every message you send'}
        data-testid="remember-message"
      >
        {done ? <CheckIcon /> : <RememberIcon />}
        {done ? 'Remembered' : action.busy && state === 'idle' ? 'Remembering…' : 'Remember this'}
      </button>
      {state === 'shorten' && (
        <form
          ref={formRef}
          class="msg-action-panel msg-remember-form"
          onSubmit={submit}
          onKeyDown={(e) => e.key === 'Escape' && cancel()}
          noValidate
          data-testid="remember-form"
        >
          <p class="hint remember-hint">
            This message is longer than a memory can be. Shorten it to what Hearth should remember about you, then save.
          </p>
          <MemoryText label="Memory" value={text} onInput={setText} rows={6} invalid={!!action.error} testId="remember-input" />
          <FormActions testId="remember" error={action.error} busy={action.busy} submitLabel="Remember" onCancel={cancel} />
        </form>
      )}
      {state === 'idle' && action.error && (
        <div class="msg-action-panel">
          <ErrorNote message={action.error} testId="remember-error" />
        </div>
      )}
      {confirm && (
        <p class="msg-action-panel msg-remembered" role="status" data-testid="remember-done">
          Remembered: Hearth tells the model with every message you send.{' '}
          <a href="/settings/memories" onClick={linkClick}>
            Your memories
          </a>
        </p>
      )}
    </>
  );
}

/** A bookmark (decorative). */
function RememberIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M6 3h12v18l-6-4.5L6 21Z" />
    </svg>
  );
}

/** A tick (decorative). */
function CheckIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 12.5l5 5L20 6.5" />
    </svg>
  );
}
