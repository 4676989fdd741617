import { api, type QueueItem } from '../../api';
import { Loading } from '../../components/Loading';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { canRunQueue, isAdmin } from '../../lib/access';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';
import { usePolling } from '../../lib/usePolling';
import { useResource } from '../../lib/useResource';
import { useModels } from '../models/useModels';
import { QueueRow } from './QueueRow';
import './queue.css';
import { useFlash } from '../../lib/useFlash';

/** How often the open screen reads the queue again (only while the page is shown). */
const POLL_MS = 2_000;

/** `/queue`: the messages waiting for a model or being answered, in the order they run; Cancel
 * on one's own (admins: on all); admins pause and resume the queue. */
export function QueueScreen({ session }: { session: Session }) {
  const queue = useResource((signal) => api.queue.list({ signal }), []);
  usePolling(queue.reload, POLL_MS);
  const admin = canRunQueue(session.me);
  const models = useModels(isAdmin(session.me));
  const control = useAction();
  const [notice, setNotice] = useFlash<string>();

  const setPaused = async (paused: boolean) => {
    setNotice(null);
    const r = await control.run(() => (paused ? api.queue.pause() : api.queue.resume()));
    if (r.ok) {
      setNotice(
        paused
          ? 'The queue is paused: nothing new starts until you resume it. Replies already running finish.'
          : 'The queue runs again.',
      );
      queue.reload();
    }
  };

  const items = queue.data?.items ?? null;
  // "2 of 7": places count within one model's line (running and waiting).
  const lineSize = new Map<string, number>();
  for (const i of items ?? []) lineSize.set(i.backend, (lineSize.get(i.backend) ?? 0) + 1);
  const remove = (id: string) =>
    queue.setData((prev) => ({
      items: (prev?.items ?? []).filter((i: QueueItem) => i.id !== id),
      next: null,
      paused: prev?.paused ?? false,
    }));

  return (
    <section class="screen" aria-labelledby="queue-title" data-testid="queue-screen">
      <div class="screen-head">
        <h1 id="queue-title">Queue</h1>
        <p class="muted">
          Messages waiting for a model, in the order they will be answered. Others’ messages show only their place.
        </p>
      </div>

      {queue.data?.paused && (
        <p class="note" role="status" data-testid="queue-paused">
          {admin
            ? 'The queue is paused: nothing new starts until you resume it (below). Replies already running finish.'
            : 'The queue is paused by an admin: nothing new starts until it is resumed. Replies already running finish.'}
        </p>
      )}
      {admin && queue.data && (
        <div class="card queue-controls" role="group" aria-label="Pause or resume the queue" data-testid="queue-controls">
          {queue.data.paused ? (
            <button type="button" class="btn" onClick={() => void setPaused(false)} disabled={control.busy} data-testid="queue-resume">
              Resume the queue
            </button>
          ) : (
            <>
              <p class="muted">Paused, nothing new starts; replies already running finish.</p>
              <button type="button" class="btn" onClick={() => void setPaused(true)} disabled={control.busy} data-testid="queue-pause">
                Pause the queue
              </button>
            </>
          )}
          <ErrorNote message={control.error} testId="queue-control-error" />
        </div>
      )}
      {notice && <SuccessNote testId="queue-notice">{notice}</SuccessNote>}

      {queue.error && (
        <div class="stack">
          <ErrorNote message={queue.error.message} testId="queue-error" />
          {!items && (
            <button type="button" class="btn" onClick={queue.reload}>
              Try again
            </button>
          )}
        </div>
      )}
      {!queue.error && items === null && <Loading>Loading the queue…</Loading>}
      {items && items.length === 0 && (
        <div class="empty" data-testid="queue-empty">
          <p class="empty-title">Nothing is waiting</p>
          <p class="muted">Messages wait here when the model is busy answering others.</p>
        </div>
      )}
      {items && items.length > 0 && (
        <ol class="ws-list" aria-label="Queue" data-testid="queue-list">
          {items.map((i) => (
            <QueueRow
              key={i.id}
              item={i}
              of={lineSize.get(i.backend) ?? 1}
              canCancel={i.mine || admin}
              names={models.data?.names}
              onCancelled={() => {
                remove(i.id);
                queue.reload();
              }}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
