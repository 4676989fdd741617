// Reads a `text/event-stream` body (the WHATWG "server-sent events" format) from a fetch
// Response. EventSource cannot send a POST (a chat message is one), so the reply streams are
// read here: lines split on CR, LF or CRLF, `event:` names the event, `data:` lines are joined
// by "\n", a blank line dispatches, `:` lines are comments (keep-alives).

export interface SseEvent {
  /** The `event:` field ("message" when there was none). */
  event: string;
  /** The `data:` lines, joined by "\n". */
  data: string;
}

/** A line parser that remembers the event being built; `end()` drops an unfinished one. */
export function sseParser(onEvent: (e: SseEvent) => void) {
  let event = '';
  let data: string[] = [];
  let seenData = false;
  return {
    line(line: string) {
      if (line === '') {
        if (seenData) onEvent({ event: event || 'message', data: data.join('\n') });
        event = '';
        data = [];
        seenData = false;
        return;
      }
      if (line.startsWith(':')) return;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') {
        data.push(value);
        seenData = true;
      }
      // `id:` and `retry:` mean nothing here: a reply is re-read with GET /threads/{id}/stream.
    },
  };
}

/**
 * Reads the body to its end, calling `onEvent` for each complete event. Resolves when the
 * server closes the stream; rejects when the request's AbortSignal fires (an AbortError) or
 * the connection breaks.
 */
export async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (e: SseEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = sseParser(onEvent);
  let buf = '';
  const drain = (final: boolean) => {
    for (;;) {
      const m = /\r\n|\r|\n/.exec(buf);
      if (!m) break;
      // A CR at the very end may be the first half of a CRLF split across two chunks.
      if (m[0] === '\r' && m.index === buf.length - 1 && !final) break;
      parser.line(buf.slice(0, m.index));
      buf = buf.slice(m.index + m[0].length);
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      drain(false);
    }
    buf += decoder.decode();
    drain(true);
    // An event not closed by a blank line when the stream ends is dropped (as EventSource does).
  } finally {
    reader.releaseLock();
  }
}
