import { useEffect, useRef } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';

/** "Clear the whole event log?" and the button that does it. The focus goes into it when it
 * opens (on Cancel: clearing is not undone); Escape cancels. */
export function ClearLog({ onCleared, onCancel }: { onCleared: (removed: number) => void; onCancel: () => void }) {
  const clear = useAction();
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    boxRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);
  const doClear = async () => {
    const r = await clear.run(() => api.events.clear());
    if (r.ok) onCleared(r.result.removed);
  };

  return (
    <div
      ref={boxRef}
      class="card danger-zone"
      role="group"
      aria-label="Confirm clearing the event log"
      data-testid="events-clear-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <p class="confirm-text">
        Clear the whole event log? Every entry goes, not only the ones shown. Download a CSV first if you need a copy.
        The clearing itself is logged.
      </p>
      <ErrorNote message={clear.error} testId="events-clear-error" />
      <div class="actions">
        <button type="button" class="btn danger" onClick={doClear} disabled={clear.busy} data-testid="events-clear-confirm-button">
          Clear the log
        </button>
        <button type="button" class="btn" onClick={onCancel} data-autofocus data-testid="events-clear-cancel">
          Cancel
        </button>
      </div>
    </div>
  );
}
