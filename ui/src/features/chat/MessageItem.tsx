import type { Message, Model } from '../../api';
import { formatDateTime } from '../../lib/format';
import { modelLabel, type ProviderNames } from '../models/labels';
import { Markdown } from './Markdown';
import { RememberThis } from './RememberThis';
import type { QueuePlace } from './replyEvents';
import { Sources } from './Sources';

/** One message of the thread: the person's text as typed, a reply as Markdown with its state
 * and, when it was given passages of the workspace's documents, its Sources;
 * the last reply, once it has ended, offers Regenerate; the person's own messages and the
 * replies that have ended offer "Remember this" (once saved: they have an id of the engine's). */
export function MessageItem({
  message,
  models,
  names,
  queue,
  onRegenerate,
}: {
  message: Message;
  models: Model[] | null;
  names?: ProviderNames;
  /** The queue place, for the reply that is waiting. */
  queue: QueuePlace | null;
  /** Writes this reply again (only on the thread's last reply, ended, while nothing streams). */
  onRegenerate?: () => void;
}) {
  const m = message;
  if (m.role === 'system') return null;
  const mine = m.role === 'user';
  const writing = m.status === 'queued' || m.status === 'streaming';
  const rememberable =
    !m.id.startsWith('local-') && m.content.trim() !== '' && (mine || m.status === 'done' || m.status === 'stopped');
  return (
    <li
      class={`msg ${mine ? 'msg-user' : 'msg-assistant'}`}
      data-testid="message"
      data-role={m.role}
      data-status={m.status}
      aria-busy={writing ? 'true' : undefined}
    >
      <p class="msg-meta">
        <span class="msg-who">{mine ? 'You' : 'Assistant'}</span>
        {!mine && m.model && (
          <span class="msg-model" data-testid="message-model">
            {' · '}
            {modelLabel(m.model, models, names)}
          </span>
        )}
        {!writing && (
          <span class="msg-time">
            {' · '}
            {formatDateTime(m.createdAt)}
          </span>
        )}
      </p>
      <div class="msg-body">
        {mine ? (
          <p class="msg-text" data-testid="message-content">
            {m.content}
          </p>
        ) : (
          <>
            {m.content && <Markdown text={m.content} testId="message-content" />}
            {m.status === 'queued' && (
              <p class="msg-state" role="status" data-testid="queue-position">
                {queue ? (
                  <>
                    Waiting for the model: <strong>{queue.position}</strong> of {queue.of}
                  </>
                ) : (
                  'Waiting for the model…'
                )}
              </p>
            )}
            {m.status === 'streaming' && !m.content && (
              <p class="msg-state" role="status">
                Writing…
              </p>
            )}
            {m.status === 'streaming' && m.content && <span class="typing" aria-hidden="true" />}
            {m.status === 'stopped' && (
              <p class="msg-state" data-testid="reply-stopped">
                Stopped{m.content ? ': the reply above is what was written before that.' : ' before anything was written.'}
              </p>
            )}
            {m.status === 'done' && m.finishReason === 'length' && (
              <p class="msg-state" data-testid="reply-cut">
                Cut off at this workspace’s reply length cap.
              </p>
            )}
            {m.status === 'failed' && (
              <p class="note note-error msg-error" data-testid="reply-failed">
                <span class="note-icon" aria-hidden="true">
                  !
                </span>
                <span>
                  {m.error || 'The reply failed.'}{' '}
                  {onRegenerate ? 'Regenerate it to try again.' : 'Send the message again to retry.'}
                </span>
              </p>
            )}
          </>
        )}
      </div>
      {!mine && <Sources items={m.sources ?? []} />}
      {(onRegenerate || rememberable) && (
        <div class="msg-actions">
          {onRegenerate && (
            <button
              type="button"
              class="btn small"
              onClick={onRegenerate}
              title="Replace this reply with a new one (counts as a message)"
              data-testid="regenerate-reply"
            >
              <RegenerateIcon />
              Regenerate
            </button>
          )}
          {rememberable && <RememberThis message={m} />}
        </div>
      )}
    </li>
  );
}

/** A circular arrow (decorative). */
function RegenerateIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M20 11a8 8 0 1 0-2.3 5.7" />
      <path d="M20 4v7h-7" />
    </svg>
  );
}
