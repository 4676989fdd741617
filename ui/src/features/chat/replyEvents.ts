// The events of a reply stream (API.md "The reply stream"; the OpenAPI document describes the
// body only as `text/event-stream`, so the events' shapes are read and checked here, with the
// generated types for the parts the schema has).
import type { FinishReason, Source, Usage } from '../../api';

export interface QueuePlace {
  /** 1, 2, … in the order the queue will serve the waiting replies. */
  position: number;
  /** How many are waiting or running in all. */
  of: number;
}

export type ReplyEvent =
  | ({ type: 'queued' } & QueuePlace)
  | { type: 'started'; messageId: string; model: string | null }
  | { type: 'token'; text: string }
  /** The passages of the workspace's documents the reply is given (before its tokens). */
  | { type: 'sources'; items: Source[] }
  | {
      type: 'done';
      messageId: string | null;
      finishReason: FinishReason;
      remainingToday: Usage['remainingToday'];
      completionTokens: number | null;
    }
  | { type: 'error'; code: string; message: string };

const FINISH: readonly FinishReason[] = ['stop', 'length', 'cancelled'];

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A source as the contract says, else null (document text is shown as text only). */
function source(v: unknown): Source | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const documentId = str(o.documentId);
  const title = str(o.title);
  const snippet = str(o.snippet);
  return documentId !== null && title !== null && snippet !== null ? { documentId, title, snippet } : null;
}

/** One SSE event as a ReplyEvent; null for events this UI does not use (unknown ones) and for
 * data that is not what the contract says. */
export function parseReplyEvent(event: string, data: string): ReplyEvent | null {
  let d: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(data);
    if (!parsed || typeof parsed !== 'object') return null;
    d = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  switch (event) {
    case 'queued': {
      const position = num(d.position);
      const of = num(d.of);
      return position === null ? null : { type: 'queued', position, of: of ?? position };
    }
    case 'started': {
      const messageId = str(d.messageId);
      return messageId ? { type: 'started', messageId, model: str(d.model) } : null;
    }
    case 'token': {
      const text = str(d.text);
      return text === null ? null : { type: 'token', text };
    }
    case 'sources': {
      if (!Array.isArray(d.items)) return null;
      return { type: 'sources', items: d.items.map(source).filter((x): x is Source => x !== null) };
    }
    case 'done': {
      const reason = str(d.finishReason) as FinishReason | null;
      const usage = d.usage && typeof d.usage === 'object' ? (d.usage as Record<string, unknown>) : {};
      return {
        type: 'done',
        messageId: str(d.messageId),
        finishReason: reason && FINISH.includes(reason) ? reason : 'stop',
        remainingToday: num(d.remainingToday),
        completionTokens: num(usage.completionTokens),
      };
    }
    case 'error':
      return {
        type: 'error',
        code: str(d.code) ?? 'error',
        message: str(d.message) ?? 'The reply failed. Try sending the message again.',
      };
    default:
      return null;
  }
}
