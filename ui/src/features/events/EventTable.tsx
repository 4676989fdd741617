import type { ComponentChildren } from 'preact';
import type { EventItem } from '../../api';
import { roleLabel } from '../../lib/access';
import { formatDateTime, toDate } from '../../lib/format';
import { isWarning, kindLabel } from './kinds';
import { person, workspaceName, type Names } from './names';

/** One page of events: time, what happened (in words; the code as a tooltip), who (by name;
 * the id as a tooltip), the address and the details (people and workspaces by name). */
export function EventTable({ items, names }: { items: EventItem[]; names: Names }) {
  return (
    <div class="table-wrap" tabIndex={0} aria-label="Events">
      <table class="table stacked" data-testid="events-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">What</th>
            <th scope="col">Who</th>
            <th scope="col">Address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {items.map((ev) => (
            <tr key={ev.id} data-testid="event-row" data-kind={ev.type}>
              <td class="nowrap" data-label="Time">
                <time dateTime={toDate(ev.at)?.toISOString()}>{formatDateTime(ev.at)}</time>
              </td>
              <td data-label="What">
                <span
                  class={`pill ${isWarning(ev.type) ? 'pill-danger' : ''}`}
                  title={ev.type}
                  data-testid="event-type"
                  data-kind={ev.type}
                >
                  {kindLabel(ev.type)}
                </span>
              </td>
              <td data-label="Who" data-testid="event-user">
                {ev.userId ? (
                  <Person names={names} id={ev.userId} atEvent={ev.username} named={ev.userName} />
                ) : (
                  (ev.userName ?? ev.username ?? '—')
                )}
              </td>
              <td class="mono" data-label="Address">
                {ev.address || '—'}
              </td>
              <td class="details" data-label="Details" data-testid="event-details">
                <Details ev={ev} names={names} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Person({ names, id, atEvent, named }: { names: Names; id: string; atEvent?: string | null; named?: string | null }) {
  const p = person(names, id, atEvent, named);
  return (
    <span title={p.title} data-testid="event-person" data-id={id}>
      {p.name}
      {p.username && <span class="mono muted"> {p.username}</span>}
    </span>
  );
}

function Workspace({ names, id, slug, named }: { names: Names; id: string; slug?: unknown; named?: string | null }) {
  const w = workspaceName(names, id, slug, named);
  return (
    <span title={w.title} data-testid="event-workspace" data-id={id}>
      {w.name}
    </span>
  );
}

/** Words for the details' keys (others: their camelCase split into words). */
const KEY_WORDS: Record<string, string> = {
  target: 'Account',
  owner: 'Whose',
  users: 'Members',
  workspace: 'Workspace',
  workspaces: 'Workspaces',
  provider: 'Provider',
  baseUrl: 'Address',
  apiKey: 'API key',
  apiKeyChanged: 'API key changed',
  dailyMessageLimit: 'Daily limit',
  threadsRemoved: 'Chats removed',
  workspacesTransferred: 'Workspaces passed to the owner',
  allowedHosts: 'Allowed host names',
  pinnedUrl: 'Pinned address',
  bind: 'Interface',
  to: 'To',
  from: 'From',
  admin: 'Admin',
  restored: 'Admin as it was',
  displayNameChanged: 'Display name changed',
  username: 'Username',
  idleTimeoutMinutes: 'Idle minutes',
  loginStyle: 'Sign-in screen',
  queuePerUser: 'Waiting per person',
  queueTotal: 'Waiting per model',
  uploadMaxMb: 'Largest upload (MB)',
  removed: 'Removed',
  reason: 'Why',
  type: 'Type',
  item: 'Queue item',
  session: 'Session',
};

/** Why a sign-in or host login failed, in words. */
const REASONS: Record<string, string> = {
  bad_username: 'no such username',
  bad_password: 'wrong password',
  suspended: 'account suspended',
  single_user_mode: 'Hearth was in single-user mode',
};

const words = (key: string) =>
  KEY_WORDS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])/g, (_m, c: string) => ` ${c.toLowerCase()}`);

function plain(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length ? v.map(plain).join(', ') : 'none';
  return JSON.stringify(v);
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** An event's details in words: people and workspaces by name, roles in words, the rest as is. */
function Details({ ev, names }: { ev: EventItem; names: Names }) {
  const { type: kind, details } = ev;
  if (details === null || details === undefined) return null;
  if (typeof details !== 'object' || Array.isArray(details)) return <span>{plain(details)}</span>;
  const d = details as Record<string, unknown>;
  const parts: { key: string; value: ComponentChildren }[] = [];
  for (const [k, v] of Object.entries(d)) {
    let value: ComponentChildren;
    if ((k === 'target' || k === 'owner') && typeof v === 'string') {
      const target = k === 'target';
      value = (
        <Person
          names={names}
          id={v}
          atEvent={target && typeof d.username === 'string' ? d.username : undefined}
          named={target ? ev.targetName : undefined}
        />
      );
    } else if (k === 'users') {
      const list = ids(v);
      value = list.length ? list.map((id, i) => [i > 0 && ', ', <Person key={id} names={names} id={id} />]) : 'nobody';
    } else if (k === 'workspace' && typeof v === 'string') {
      value = <Workspace names={names} id={v} slug={d.slug} named={ev.workspaceName} />;
    } else if (k === 'workspaces') {
      const list = ids(v);
      value = list.length ? list.map((id, i) => [i > 0 && ', ', <Workspace key={id} names={names} id={id} />]) : 'none';
    } else if (k === 'username' && typeof d.target === 'string') {
      continue; // said with the account's name
    } else if (k === 'slug' && typeof d.workspace === 'string') {
      continue; // said by the workspace's name (its tooltip has the address)
    } else if (k === 'provider' && typeof d.name === 'string') {
      continue; // the name below says which
    } else if ((k === 'role' || ((k === 'from' || k === 'to') && 'target' in d)) && typeof v === 'string') {
      value = roleLabel(v);
    } else if (k === 'type' && typeof v === 'string') {
      value = kindLabel(v);
    } else if (k === 'reason' && typeof v === 'string') {
      value = REASONS[v] ?? v.replace(/_/g, ' ');
    } else if (k === 'displayName' && typeof v === 'boolean') {
      if (!v) continue; // unchanged
      parts.push({ key: 'displayNameChanged', value: 'yes' });
      continue;
    } else if (kind === 'settings_changed' && v === null) {
      continue; // a setting left as it was
    } else {
      value = plain(v);
    }
    parts.push({ key: k, value });
  }
  if (parts.length === 0) return null;
  // One box: a stacked table (phones) lays out a cell's children as grid items.
  return (
    <span>
      {parts.map((p, i) => (
        <span key={p.key} class="event-detail">
          {i > 0 && ' · '}
          <span class="event-key">{words(p.key)}:</span> {p.value}
        </span>
      ))}
    </span>
  );
}
