import { useRef, useState } from 'preact/hooks';
import type { Usage } from '../../api';
import { formatDateTime } from '../../lib/format';

/** The longest message the engine takes (ChatMessageRequest.content). */
export const MESSAGE_MAX = 32_000;

/** "5 messages left today"; nothing when there is no limit. */
export function RemainingToday({ usage }: { usage: Usage | null }) {
  if (!usage || usage.limit === null || usage.remainingToday === null) return null;
  const n = usage.remainingToday;
  const text =
    n <= 0
      ? `No messages left today. The count starts again ${formatDateTime(usage.resetsAt)}.`
      : `${n} ${n === 1 ? 'message' : 'messages'} left today`;
  return (
    <p class={`remaining${n <= 0 ? ' none' : ''}`} data-testid="remaining-today" aria-live="polite">
      {text}
    </p>
  );
}

/** The message box: Enter sends, Shift+Enter starts a new line; Stop while a reply is written. */
export function Composer({
  busy,
  stopping,
  onSend,
  onStop,
  usage,
}: {
  busy: boolean;
  stopping: boolean;
  /** False when the message was refused (the text comes back into the box). */
  onSend: (text: string) => Promise<boolean>;
  onStop: () => void;
  usage: Usage | null;
}) {
  const [text, setText] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  const submit = async () => {
    if (busy) return;
    const content = text.trim();
    if (!content) {
      setHint('Type a message first.');
      box.current?.focus();
      return;
    }
    setHint(null);
    setText('');
    const ok = await onSend(content);
    if (!ok) setText((now) => now || content);
    box.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    void submit();
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
      data-testid="composer"
    >
      <label for="chat-message" class="sr-only">
        Message
      </label>
      <textarea
        id="chat-message"
        ref={box}
        rows={2}
        value={text}
        maxLength={MESSAGE_MAX}
        placeholder="Message… (Enter sends, Shift+Enter for a new line)"
        onInput={(e) => {
          setText((e.currentTarget as HTMLTextAreaElement).value);
          if (hint) setHint(null);
        }}
        onKeyDown={onKeyDown}
        aria-describedby="composer-help"
        data-testid="message-input"
      />
      <div class="composer-bar">
        <div id="composer-help" class="composer-help">
          {hint ? (
            <p class="remaining none" role="alert">
              {hint}
            </p>
          ) : (
            <RemainingToday usage={usage} />
          )}
        </div>
        {busy ? (
          <button type="button" class="btn danger-outline" onClick={onStop} disabled={stopping} data-testid="stop-reply">
            {stopping ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="submit" class="btn primary" data-testid="send-message">
            Send
          </button>
        )}
      </div>
    </form>
  );
}
