import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, eventsCsvUrl, type EventFilter, type EventItem } from '../api';
import { formatDateTime, toDate } from '../access';
import type { Session } from '../app';
import { Field } from '../components/Field';
import { NotAllowed } from '../components/NotAllowed';
import { ErrorNote, SuccessNote } from '../components/Notice';
import { useAction } from '../components/useAction';

const PAGE = 50;

/** Event types the engine logs (E1); the filter also takes any other name typed in. */
const KNOWN_TYPES = [
  'access_denied',
  'avatar_changed',
  'avatar_removed',
  'events_cleared',
  'host_login',
  'host_login_refused',
  'lock',
  'lock_password_changed',
  'lock_password_check_failed',
  'lock_password_removed',
  'lock_password_set',
  'login_failed',
  'login_ok',
  'login_throttled',
  'logout',
  'memberships_changed',
  'mode_switched',
  'password_change_failed',
  'password_changed',
  'password_reset',
  'role_changed',
  'server_started',
  'server_stopped',
  'session_ended',
  'sessions_ended',
  'settings_changed',
  'unlock',
  'unlock_failed',
  'unlock_throttled',
  'user_created',
  'user_deleted',
  'user_edited',
  'user_suspended',
  'user_unsuspended',
  'workspace_created',
  'workspace_deleted',
  'workspace_updated',
];

/** Unix seconds at the start (or end) of a local calendar day given as YYYY-MM-DD. */
function daySeconds(day: string, end: boolean): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const t = end ? new Date(y, m - 1, d, 23, 59, 59) : new Date(y, m - 1, d, 0, 0, 0);
  return Math.floor(t.getTime() / 1000);
}

interface Filters {
  type: string;
  user: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { type: '', user: '', from: '', to: '' };

function toApi(f: Filters): EventFilter {
  return {
    type: f.type.trim() || undefined,
    user: f.user.trim() || undefined,
    from: f.from ? daySeconds(f.from, false) : undefined,
    to: f.to ? daySeconds(f.to, true) : undefined,
  };
}

export function EventsScreen(_props: { session: Session }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const [items, setItems] = useState<EventItem[] | null>(null);
  const [hasNext, setHasNext] = useState(false);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [cleared, setCleared] = useState<number | null>(null);
  const [reloadTick, setReloadTick] = useState(0);
  const clear = useAction();

  useEffect(() => {
    let live = true;
    setLoadError(null);
    api.events
      .list({ ...toApi(applied), limit: PAGE, offset })
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setHasNext(page.next !== null && page.next !== undefined);
      })
      .catch((err) => {
        if (live) setLoadError(err instanceof ApiError ? err : new ApiError(0, 'error', errorMessage(err)));
      });
    return () => {
      live = false;
    };
  }, [applied, offset, reloadTick]);

  if (loadError && loadError.status === 403) return <NotAllowed title="Event log" message={loadError.message} />;

  const set = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const apply = (e: Event) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setLoadError(new ApiError(0, 'bad_range', 'The “From” day is after the “To” day. Swap them, then press Filter.'));
      return;
    }
    setOffset(0);
    setCleared(null);
    setApplied({ ...draft });
  };
  const reset = () => {
    setDraft(EMPTY);
    setOffset(0);
    setApplied(EMPTY);
  };
  const doClear = async () => {
    const r = await clear.run(() => api.events.clear());
    if (r.ok) {
      setCleared(r.result.removed);
      setConfirmClear(false);
      setOffset(0);
      setReloadTick((t) => t + 1);
    }
  };

  const filtered = Object.values(applied).some(Boolean);

  return (
    <section class="screen wide" aria-labelledby="events-title" data-testid="events-screen">
      <div class="screen-head">
        <h1 id="events-title">Event log</h1>
        <p class="muted">Sign-ins, account changes, mode switches and server starts: who, when and from where.</p>
      </div>

      <form class="card filters" onSubmit={apply} noValidate data-testid="events-filters" aria-label="Filter events">
        <div class="field-row four">
          <div class="field">
            <label for="event-type">Type</label>
            <input
              id="event-type"
              type="text"
              list="event-types"
              value={draft.type}
              onInput={(e) => set('type')((e.currentTarget as HTMLInputElement).value)}
              autoComplete="off"
              data-testid="events-type"
            />
            <datalist id="event-types">
              {KNOWN_TYPES.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </div>
          <Field label="User (username or id)" value={draft.user} onInput={set('user')} testId="events-user" />
          <Field label="From" type="date" value={draft.from} onInput={set('from')} testId="events-from" />
          <Field label="To" type="date" value={draft.to} onInput={set('to')} testId="events-to" />
        </div>
        <div class="actions">
          <button type="submit" class="btn primary" data-testid="events-apply">
            Filter
          </button>
          {filtered && (
            <button type="button" class="btn" onClick={reset} data-testid="events-reset">
              Show all
            </button>
          )}
          <a class="btn" href={eventsCsvUrl(toApi(applied))} download="hearth-events.csv" data-testid="events-csv">
            Download CSV
          </a>
          <button type="button" class="btn danger-outline push-right" onClick={() => setConfirmClear(true)} data-testid="events-clear">
            Clear log…
          </button>
        </div>
      </form>

      {confirmClear && (
        <div class="card danger-zone" role="group" aria-label="Confirm clearing the event log" data-testid="events-clear-confirm">
          <p class="confirm-text">
            Clear the whole event log? Every entry goes, not only the ones shown. Download a CSV first if you need a
            copy. The clearing itself is logged.
          </p>
          <ErrorNote message={clear.error} testId="events-clear-error" />
          <div class="actions">
            <button type="button" class="btn danger" onClick={doClear} disabled={clear.busy} data-testid="events-clear-confirm-button">
              Clear the log
            </button>
            <button type="button" class="btn" onClick={() => setConfirmClear(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {cleared !== null && (
        <SuccessNote testId="events-cleared">
          Cleared {cleared} event{cleared === 1 ? '' : 's'}.
        </SuccessNote>
      )}

      {loadError && (
        <div class="stack">
          <ErrorNote message={loadError.message} testId="events-error" />
        </div>
      )}
      {!loadError && items === null && (
        <p class="muted" role="status">
          Loading events…
        </p>
      )}
      {items && items.length === 0 && (
        <div class="empty" data-testid="events-empty">
          <p class="empty-title">No events</p>
          <p class="muted">{filtered ? 'Nothing matches these filters.' : 'The log is empty.'}</p>
        </div>
      )}
      {items && items.length > 0 && (
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
                    <span class={`pill ${/fail|throttl|refused|suspended/.test(ev.type) ? 'pill-danger' : ''}`} data-testid="event-type">
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
      )}
      {items && (offset > 0 || hasNext) && (
        <nav class="pager" aria-label="Event pages">
          <button type="button" class="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-testid="events-prev">
            ← Newer
          </button>
          <span class="muted">
            {offset + 1}–{offset + (items?.length ?? 0)}
          </span>
          <button type="button" class="btn small" disabled={!hasNext} onClick={() => setOffset(offset + PAGE)} data-testid="events-next">
            Older →
          </button>
        </nav>
      )}
    </section>
  );
}

function formatDetails(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length === 0) return '';
  return entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ');
}
