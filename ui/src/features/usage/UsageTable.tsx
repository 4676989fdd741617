import type { UserUsage } from '../../api';
import { roleLabel } from '../../lib/access';
import { formatCount } from '../../lib/format';

/** Everyone's usage: today's count against the daily limit, and the range's messages and
 * tokens. On a phone each row stacks its cells (`table stacked`). */
export function UsageTable({ items }: { items: UserUsage[] }) {
  return (
    <div class="table-wrap" tabIndex={0} aria-label="Usage">
      <table class="table stacked" data-testid="usage-table">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col" class="num">
              Daily limit
            </th>
            <th scope="col" class="num">
              Used today
            </th>
            <th scope="col" class="num">
              Left today
            </th>
            <th scope="col" class="num">
              Messages
            </th>
            <th scope="col" class="num">
              Tokens (in · out)
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <tr key={u.userId} data-testid="usage-row" data-username={u.username}>
              <td data-label="User">
                <span class="break">
                  <span class="mono">{u.username}</span>
                  {u.displayName && u.displayName !== u.username && <span class="muted"> · {u.displayName}</span>}
                </span>
              </td>
              <td data-label="Role">
                <span>
                  <span class={`pill pill-role-${u.role}`}>{roleLabel(u.role)}</span>
                </span>
              </td>
              <td class="num" data-label="Daily limit">
                <span data-testid="usage-limit">{u.dailyMessageLimit === null ? 'No limit' : formatCount(u.dailyMessageLimit)}</span>
              </td>
              <td class="num" data-label="Used today">
                <span data-testid="usage-used-today">{formatCount(u.usedToday)}</span>
              </td>
              <td class="num" data-label="Left today">
                <span data-testid="usage-remaining">{u.remainingToday === null ? '—' : formatCount(u.remainingToday)}</span>
              </td>
              <td class="num" data-label="Messages">
                <span data-testid="usage-messages">{formatCount(u.messages)}</span>
              </td>
              <td class="num nowrap" data-label="Tokens (in · out)">
                <span data-testid="usage-tokens">
                  {formatCount(u.promptTokens)} · {formatCount(u.completionTokens)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
