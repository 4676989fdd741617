import { api, type QueueItem } from '../../api';
import { ErrorNote } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import type { ProviderNames } from '../models/labels';

/** One item of the queue: whose (one's own with its text, anyone else's only as "Someone's
 * message"), its place ("2 of 7", or running), the model's backend; Cancel when allowed. */
export function QueueRow({
  item,
  of,
  canCancel,
  names,
  onCancelled,
}: {
  item: QueueItem;
  /** How many items the item's line holds (running and waiting). */
  of: number;
  canCancel: boolean;
  names?: ProviderNames;
  onCancelled: () => void;
}) {
  const cancel = useAction();
  const where = item.backend === 'embedded' ? 'Built-in model' : (names?.[item.backend] ?? 'A provider’s model');
  const title = item.mine ? (item.label ? `“${item.label}”` : 'Your message') : 'Someone’s message';
  const doCancel = async () => {
    const r = await cancel.run(() => api.queue.cancel(item.id));
    if (r.ok) onCancelled();
  };

  return (
    <li
      class="ws-item queue-item"
      data-testid="queue-item"
      data-mine={item.mine ? 'true' : 'false'}
      data-running={item.running ? 'true' : 'false'}
    >
      <div class="ws-main">
        <p class="queue-label" data-testid="queue-label">
          {title}
        </p>
        <p class="ws-meta">
          {item.running ? (
            <span class="pill pill-on" data-testid="queue-place">
              Running
            </span>
          ) : (
            <span class="pill" data-testid="queue-place">
              Waiting: {item.position} of {of}
            </span>
          )}
          {item.mine && <span class="pill pill-mine">Yours</span>}
          <span>
            {where} · since {formatDateTime(item.enqueuedAt)}
          </span>
        </p>
        <ErrorNote message={cancel.error} testId="queue-cancel-error" />
      </div>
      {canCancel && (
        <div class="ws-actions">
          <button
            type="button"
            class="btn small danger-outline"
            onClick={doCancel}
            disabled={cancel.busy}
            aria-label={item.mine ? 'Cancel your message' : 'Cancel someone’s message'}
            data-testid="queue-cancel"
          >
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}
