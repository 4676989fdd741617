import type { ChatRecord, Model } from '../../api';
import { formatCount, formatDateTime, toDate } from '../../lib/format';
import { modelLabel, type ProviderNames } from '../models/labels';
import { ClampedText } from './ClampedText';

const STATUS_LABELS: Record<ChatRecord['status'], string> = {
  queued: 'Waiting',
  streaming: 'Writing',
  done: 'Done',
  stopped: 'Stopped',
  failed: 'Failed',
};

/** One page of chats: time, user, workspace and thread, prompt, response, status and model.
 * On a phone each row stacks its cells (`table stacked`). */
export function ChatTable({ items, models, names }: { items: ChatRecord[]; models: Model[] | null; names?: ProviderNames }) {
  return (
    <div class="table-wrap" tabIndex={0} aria-label="Chats">
      <table class="table stacked chats-table" data-testid="chats-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">User</th>
            <th scope="col">Workspace · thread</th>
            <th scope="col">Prompt</th>
            <th scope="col">Response</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-testid="chat-row" data-username={c.username ?? ''}>
              <td class="chat-time" data-label="Time">
                <time dateTime={toDate(c.createdAt)?.toISOString()}>{formatDateTime(c.createdAt)}</time>
              </td>
              <td data-label="User">
                <span class="mono nowrap" data-testid="chat-user">
                  {c.username ?? `deleted account ${c.userId.slice(0, 8)}`}
                </span>
              </td>
              <td data-label="Workspace · thread">
                <span class="chat-where">
                  <span data-testid="chat-workspace">{c.workspaceName}</span>
                  <span class="muted" data-testid="chat-thread">
                    {c.threadTitle || 'Untitled'}
                  </span>
                </span>
              </td>
              <td class="chat-text" data-label="Prompt">
                <ClampedText text={c.prompt} what="prompt" testId="chat-prompt" />
              </td>
              <td class="chat-text" data-label="Response">
                <ClampedText text={c.response} what="response" testId="chat-response" />
              </td>
              <td data-label="Status">
                <div class="chat-status">
                  <span class={`pill${c.status === 'failed' ? ' pill-danger' : ''}`} data-testid="chat-status">
                    {STATUS_LABELS[c.status] ?? c.status}
                  </span>
                  {c.model && <span class="muted">{modelLabel(c.model, models, names)}</span>}
                  {(c.promptTokens !== null || c.completionTokens !== null) && (
                    <span class="muted nowrap">
                      {formatCount(c.promptTokens ?? 0)} in · {formatCount(c.completionTokens ?? 0)} out
                    </span>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
