import { useCallback, useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { api, type Message, type MessageList, type MessageStatus, type Usage } from '../../api';
import { Loading } from '../../components/Loading';
import { ErrorNote } from '../../components/Notice';
import { canSeeChats, isAdmin } from '../../lib/access';
import { linkClick } from '../../lib/router';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';
import { useResource } from '../../lib/useResource';
import { workspaceModelLabel } from '../models/labels';
import { useModels } from '../models/useModels';
import { Composer } from './Composer';
import { MessageItem } from './MessageItem';
import { useReply } from './useReply';
import './chat.css';

const NOT_FOUND =
  'This chat does not exist, or it is not yours. Chats are seen only by the person who started them.';

/** How many messages a page of the history holds (the newest on opening, then older ones). */
const PAGE = 50;

/** A reply that has ended, which Regenerate may write again. */
const ENDED: ReadonlySet<MessageStatus> = new Set(['done', 'stopped', 'failed']);

/** Whether the window is scrolled to (near) its end: new text then keeps it there. */
const atBottom = () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 120;

/** The newest page read again, after the older pages already shown (when it still joins them). */
function mergeNewest(prev: MessageList | null, page: MessageList): MessageList {
  if (!prev || page.next === null || page.items.length === 0) return page;
  const at = prev.items.findIndex((m) => m.id === page.items[0].id);
  if (at < 0) return page;
  return { items: [...prev.items.slice(0, at), ...page.items], next: prev.next };
}

/** `/workspaces/{slug}/threads/{id}`: one chat, its history and the reply streaming in. */
export function ChatScreen({ session, slug, threadId }: { session: Session; slug: string; threadId: string }) {
  const page = useResource(async (signal) => {
    const [ws, thread] = await Promise.all([api.workspaces.get(slug, { signal }), api.threads.get(threadId, { signal })]);
    return { ws, thread };
  }, [slug, threadId]);
  // The newest page; "Show earlier messages" puts older pages in front (`next`: the cursor).
  const history = useResource((signal) => api.threads.messages(threadId, { limit: PAGE }, { signal }), [threadId]);
  // Names for models; a failure here only costs the names.
  const models = useModels(isAdmin(session.me));
  const usage = useResource((signal) => api.me.usage({ signal }), []);

  const reply = useReply(threadId, {
    update: (fn) => history.setData((prev) => ({ items: fn(prev?.items ?? []), next: prev?.next ?? null })),
    remaining: (n) =>
      usage.setData((prev) => (prev && prev.limit !== null && n !== null ? { ...prev, remainingToday: n } : prev!)),
    settled: () => refresh(),
  });

  // Reads the newest page again after a reply, unless another one has started meanwhile.
  const refresh = useCallback(() => {
    api.threads.messages(threadId, { limit: PAGE }).then(
      (page) => {
        if (!reply.isBusy()) history.setData((prev) => mergeNewest(prev, page));
      },
      () => {
        /* Keep what the stream showed. */
      },
    );
  }, [threadId]);

  // Opening a chat whose last reply is still queued or being written: re-attach to it (once per reply).
  const attached = useRef(new Set<string>());
  const messages = history.data?.items ?? null;
  const older = history.data?.next ?? null;
  useEffect(() => {
    if (!messages || reply.busy) return;
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'assistant' || (last.status !== 'queued' && last.status !== 'streaming')) return;
    if (last.id.startsWith('local-') || attached.current.has(last.id)) return;
    attached.current.add(last.id);
    void reply.attach(last.id, last.status);
  }, [messages, reply.busy]);

  // Keep the newest text in view while it streams, unless the person has scrolled up to read.
  const stick = useRef(true);
  useEffect(() => {
    const onScroll = () => {
      stick.current = atBottom();
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  // Older messages put in front keep the ones on screen where they were. (Runs again when the
  // list first shows: the thread and workspace may arrive after the messages.)
  const anchor = useRef<{ height: number; y: number } | null>(null);
  const shown = page.data !== null && messages !== null;
  useLayoutEffect(() => {
    const a = anchor.current;
    if (a) {
      anchor.current = null;
      window.scrollTo(0, a.y + document.documentElement.scrollHeight - a.height);
      return;
    }
    if (stick.current) window.scrollTo(0, document.documentElement.scrollHeight);
  }, [messages, shown]);

  const earlier = useAction();
  const loadEarlier = async () => {
    if (!older) return;
    const r = await earlier.run(() => api.threads.messages(threadId, { limit: PAGE, cursor: older }));
    if (!r.ok) return;
    anchor.current = { height: document.documentElement.scrollHeight, y: window.scrollY };
    stick.current = false;
    history.setData((prev) => {
      const items = prev?.items ?? [];
      const shown = new Set(items.map((m) => m.id));
      return { items: [...r.result.items.filter((m) => !shown.has(m.id)), ...items], next: r.result.next };
    });
  };

  const thread = page.data?.thread;
  useEffect(() => {
    if (thread) document.title = `${thread.title} · Hearth`;
  }, [thread?.title]);

  const error = page.error ?? history.error;
  if (error) {
    return (
      <section class="screen" aria-labelledby="chat-title">
        <div class="screen-head">
          <h1 id="chat-title">Chat</h1>
        </div>
        <ErrorNote
          message={
            error.status === 404
              ? canSeeChats(session.status, session.me)
                ? `${NOT_FOUND} To read someone else’s chats, open Chat history.`
                : NOT_FOUND
              : error.message
          }
          testId="chat-error"
        />
        <a href={`/workspaces/${encodeURIComponent(slug)}`} onClick={linkClick}>
          ← Back to the workspace
        </a>
      </section>
    );
  }
  if (!page.data || !messages) {
    return (
      <section class="screen">
        <Loading>Loading the chat…</Loading>
      </section>
    );
  }

  const { ws } = page.data;
  const modelList = models.data?.models ?? null;
  const names = models.data?.names;
  const noModel = modelList !== null && modelList.length === 0 && !ws.model;
  const send = async (text: string) => {
    stick.current = true;
    return reply.send(text);
  };
  const last = messages[messages.length - 1];
  const regenerable =
    !reply.busy && last && last.role === 'assistant' && ENDED.has(last.status) && !last.id.startsWith('local-') ? last : null;
  const regenerate = () => {
    if (!regenerable) return;
    stick.current = true;
    void reply.regenerate(regenerable);
  };

  return (
    <section class="screen chat-screen" aria-labelledby="chat-title" data-testid="chat-screen">
      <p class="breadcrumb">
        <a href={`/workspaces/${encodeURIComponent(ws.slug)}`} onClick={linkClick}>
          ← {ws.name}
        </a>
      </p>
      <div class="screen-head chat-head">
        <h1 id="chat-title">{page.data.thread.title}</h1>
        <p class="muted chat-model" data-testid="chat-model">
          Model: {workspaceModelLabel(ws.model, modelList, names)}
        </p>
      </div>

      {noModel && (
        <div class="note chat-note" data-testid="no-model">
          <p>
            No model is available yet.{' '}
            {isAdmin(session.me) ? (
              <>
                Add one in{' '}
                <a href="/settings/models" onClick={linkClick}>
                  Settings → Models
                </a>
                .
              </>
            ) : (
              'Ask an admin of this Hearth to add one.'
            )}
          </p>
        </div>
      )}

      {/* One stable box, so the message box below keeps its state when the first message arrives. */}
      <div class="chat-log">
        {messages.length === 0 ? (
          <div class="empty chat-empty" data-testid="chat-empty">
            <p class="empty-title">No messages yet</p>
            <p class="muted">Ask something below. {ws.systemPrompt ? 'This workspace’s system prompt guides the answers.' : ''}</p>
          </div>
        ) : (
          <>
            {older !== null && (
              <div class="chat-earlier">
                <button
                  type="button"
                  class="btn small"
                  onClick={() => void loadEarlier()}
                  disabled={earlier.busy}
                  data-testid="load-earlier"
                >
                  {earlier.busy ? 'Loading earlier messages…' : 'Show earlier messages'}
                </button>
                <ErrorNote message={earlier.error} testId="load-earlier-error" />
              </div>
            )}
            <ol class="messages" aria-label="Messages" data-testid="messages">
              {messages.map((m: Message) => (
                <MessageItem
                  key={m.id}
                  message={m}
                  models={modelList}
                  names={names}
                  queue={m.status === 'queued' ? reply.queue : null}
                  onRegenerate={m === regenerable ? regenerate : undefined}
                />
              ))}
            </ol>
          </>
        )}
      </div>

      <div class="composer-wrap">
        <ErrorNote message={reply.error} testId="chat-send-error" />
        <Composer
          busy={reply.busy}
          stopping={reply.stopping}
          onSend={send}
          onStop={() => void reply.stop()}
          usage={usage.data as Usage | null}
        />
      </div>
    </section>
  );
}
