import type { EventItem } from '../../api';
import { formatDateTime, toDate } from '../../lib/format';
import { isWarning, kindLabel } from './kinds';

/** One page of events: time, type, user, address, details. */
export function EventTable({ items }: { items: EventItem[] }) {
  return (
    <div class="table-wrap" tabIndex={0} aria-label="Events">
      <table class="table" data-testid="events-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Type</th>
            <th scope="col">User</th>
            <th scope="col">Address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {items.map((ev) => (
            <tr key={ev.id} data-testid="event-row">
              <td class="nowrap">
                <time dateTime={toDate(ev.at)?.toISOString()}>{formatDateTime(ev.at)}</time>
              </td>
              <td>
                <span class={`pill ${isWarning(ev.type) ? 'pill-danger' : ''}`} title={kindLabel(ev.type)} data-testid="event-type">
                  {ev.type}
                </span>
              </td>
              <td class="mono">{ev.username ?? (ev.userId ? ev.userId.slice(0, 8) : '—')}</td>
              <td class="mono">{ev.address || '—'}</td>
              <td class="details mono">{formatDetails(ev.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function formatDetails(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length === 0) return '';
  return entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ');
}
