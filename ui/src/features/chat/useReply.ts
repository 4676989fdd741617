// The reply being written in a thread: sends a message or writes the last reply again (POST →
// the reply's event stream), re-attaches to a reply already under way (GET
// /threads/{id}/stream), stops it, and writes what the stream says into the thread's messages
// as it arrives.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, type Message, type MessageStatus } from '../../api';
import { ApiError, errorMessage, isAbortError } from '../../lib/errors';
import { readEvents } from '../../lib/sse';
import { parseReplyEvent, type QueuePlace } from './replyEvents';

export type ReplyPhase = 'idle' | 'sending' | 'queued' | 'streaming';

export interface ReplyHandlers {
  /** Changes the thread's messages (the screen keeps them). */
  update: (fn: (prev: Message[]) => Message[]) => void;
  /** Messages left today, from a finished reply (null: no limit). */
  remaining: (n: number | null) => void;
  /** The stream has ended (or could not be opened): read the history again. */
  settled: () => void;
}

const LOST =
  'The connection to Hearth was lost while the reply was being written. The reply goes on without you: reload the page to see it.';

let localSeq = 0;

/** A message shown before the engine has given it an id. */
function localMessage(id: string, role: 'user' | 'assistant', content: string, status: MessageStatus): Message {
  return {
    id,
    role,
    content,
    status,
    createdAt: Math.floor(Date.now() / 1000),
    model: null,
    finishReason: null,
    error: null,
    promptTokens: null,
    completionTokens: null,
    sources: [],
  };
}

export function useReply(threadId: string, handlers: ReplyHandlers) {
  const [phase, setPhase] = useState<ReplyPhase>('idle');
  const [queue, setQueue] = useState<QueuePlace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const h = useRef(handlers);
  h.current = handlers;

  // Leaving the page ends the reading, not the reply: it goes on and a later visit re-attaches.
  useEffect(() => () => controller.current?.abort(), []);

  const patch = (id: string, fn: (m: Message) => Message) =>
    h.current.update((prev) => prev.map((m) => (m.id === id ? fn(m) : m)));

  /** Reads a reply's events into the message `replyId` until the stream ends. */
  const follow = async (res: Response, replyId: string, replaceFirstText: boolean, ctl: AbortController) => {
    let id = replyId;
    let replace = replaceFirstText;
    let ended = false;
    try {
      await readEvents(res.body!, ({ event, data }) => {
        const ev = parseReplyEvent(event, data);
        if (!ev || ctl.signal.aborted) return;
        switch (ev.type) {
          case 'queued':
            setPhase('queued');
            setQueue({ position: ev.position, of: ev.of });
            patch(id, (m) => ({ ...m, status: 'queued' }));
            break;
          case 'started': {
            const old = id;
            id = ev.messageId;
            setPhase('streaming');
            setQueue(null);
            patch(old, (m) => ({ ...m, id: ev.messageId, model: ev.model ?? m.model, status: 'streaming' }));
            break;
          }
          case 'token': {
            // Re-attaching: the first token is the whole text so far.
            const whole = replace;
            replace = false;
            setPhase('streaming');
            setQueue(null);
            patch(id, (m) => ({ ...m, status: 'streaming', content: whole ? ev.text : m.content + ev.text }));
            break;
          }
          case 'sources':
            patch(id, (m) => ({ ...m, sources: ev.items }));
            break;
          case 'done':
            ended = true;
            patch(id, (m) => ({
              ...m,
              status: ev.finishReason === 'cancelled' ? 'stopped' : 'done',
              finishReason: ev.finishReason,
              completionTokens: ev.completionTokens ?? m.completionTokens,
            }));
            h.current.remaining(ev.remainingToday);
            break;
          case 'error':
            ended = true;
            patch(id, (m) => ({ ...m, status: 'failed', error: ev.message }));
            break;
        }
      });
      if (!ended && !ctl.signal.aborted) setError(LOST);
    } catch (err) {
      if (ctl.signal.aborted || isAbortError(err)) return;
      setError(LOST);
    } finally {
      if (!ctl.signal.aborted) {
        controller.current = null;
        setPhase('idle');
        setQueue(null);
        h.current.settled();
      }
    }
  };

  /**
   * Starts a reply: shows `show`'s local messages at once, then opens the reply's stream with
   * `open` and follows it. A refusal before the stream (429 daily limit, 409, 503, …) takes
   * them back with `undo` and says why; the answer is then false.
   */
  const begin = async (
    open: (signal: AbortSignal) => Promise<Response>,
    replyId: string,
    show: (prev: Message[]) => Message[],
    undo: (prev: Message[]) => Message[],
  ): Promise<boolean> => {
    if (controller.current) return false;
    const ctl = new AbortController();
    controller.current = ctl;
    setError(null);
    setQueue(null);
    setPhase('sending');
    h.current.update(show);
    let res: Response;
    try {
      res = await open(ctl.signal);
    } catch (err) {
      if (ctl.signal.aborted || isAbortError(err)) return false;
      controller.current = null;
      h.current.update(undo);
      setPhase('idle');
      setError(errorMessage(err));
      if (err instanceof ApiError && err.code === 'daily_limit_reached') h.current.remaining(0);
      // Another tab or device is being answered in this thread, or has changed its last
      // reply: read the history, which shows that reply (and follow it).
      if (err instanceof ApiError && (err.code === 'reply_in_progress' || err.code === 'nothing_to_regenerate')) {
        h.current.settled();
      }
      return false;
    }
    void follow(res, replyId, false, ctl);
    return true;
  };

  /** Sends a message. False when it was refused before the reply started (the error says why). */
  const send = useCallback(
    async (content: string): Promise<boolean> => {
      const n = ++localSeq;
      const userId = `local-user-${n}`;
      const replyId = `local-reply-${n}`;
      return begin(
        (signal) => api.threads.send(threadId, content, { signal }),
        replyId,
        (prev) => [...prev, localMessage(userId, 'user', content, 'done'), localMessage(replyId, 'assistant', '', 'queued')],
        (prev) => prev.filter((m) => m.id !== userId && m.id !== replyId),
      );
    },
    [threadId],
  );

  /** Writes the thread's last reply (`old`, ended) again: the new one streams in its place.
   * False when it was refused (the old reply comes back; the error says why). */
  const regenerate = useCallback(
    async (old: Message): Promise<boolean> => {
      const replyId = `local-reply-${++localSeq}`;
      return begin(
        (signal) => api.threads.regenerate(threadId, { signal }),
        replyId,
        (prev) => prev.map((m) => (m.id === old.id ? localMessage(replyId, 'assistant', '', 'queued') : m)),
        (prev) => prev.map((m) => (m.id === replyId ? old : m)),
      );
    },
    [threadId],
  );

  /** Follows the reply `replyId` that is already queued or being written. */
  const attach = useCallback(
    async (replyId: string, status: MessageStatus) => {
      if (controller.current) return;
      const ctl = new AbortController();
      controller.current = ctl;
      setError(null);
      setPhase(status === 'queued' ? 'queued' : 'streaming');
      let res: Response;
      try {
        res = await api.threads.stream(threadId, { signal: ctl.signal });
      } catch (err) {
        if (ctl.signal.aborted || isAbortError(err)) return;
        controller.current = null;
        setPhase('idle');
        // 404: it finished in the meantime; the history has it.
        if (!(err instanceof ApiError && err.status === 404)) setError(errorMessage(err));
        h.current.settled();
        return;
      }
      void follow(res, replyId, true, ctl);
    },
    [threadId],
  );

  /** Stops the reply: the stream then ends with `done` (cancelled), the partial text kept. */
  const stop = useCallback(async () => {
    setStopping(true);
    try {
      await api.threads.stop(threadId);
    } catch (err) {
      // 404: nothing is being written any more.
      if (!(err instanceof ApiError && err.status === 404)) setError(errorMessage(err));
    } finally {
      setStopping(false);
    }
  }, [threadId]);

  return {
    phase,
    busy: phase !== 'idle',
    /** Whether a stream is being read right now (for callers outside the render). */
    isBusy: () => controller.current !== null,
    queue,
    error,
    clearError: () => setError(null),
    stopping,
    send,
    regenerate,
    attach,
    stop,
  };
}
