import { useEffect } from 'preact/hooks';
import { api, type SessionInfo } from '../../api';
import { Loading } from '../../components/Loading';
import { ErrorNote } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useResource } from '../../lib/useResource';
import { describeAgent } from './agent';

/** A window event: something ended sessions of this account, so the list reloads. */
export const SESSIONS_CHANGED = 'hearth:sessions';

/** Where this account is signed in (U5, U7), with a way to end the others. */
export function Sessions() {
  const list = useResource(async (signal) => (await api.me.sessions({ signal })).items, []);
  const action = useAction();

  useEffect(() => {
    window.addEventListener(SESSIONS_CHANGED, list.reload);
    return () => window.removeEventListener(SESSIONS_CHANGED, list.reload);
  }, [list.reload]);

  const end = async (s: SessionInfo) => {
    const r = await action.run(() => api.me.endSession(s.id));
    if (r.ok) list.setData((prev) => (prev ?? []).filter((x) => x.id !== s.id));
  };

  const items = list.data;
  return (
    <div class="card" data-testid="sessions">
      <h3>Where you are signed in</h3>
      <ErrorNote message={list.error?.message ?? action.error} testId="sessions-error" />
      {items === null && !list.error && <Loading>Loading sessions…</Loading>}
      {items && (
        <ul class="session-list">
          {items.map((s) => (
            <li key={s.id} class="session-item" data-testid="session-item">
              <div class="session-main">
                <strong>{describeAgent(s.userAgent)}</strong>
                {s.current && <span class="pill pill-on">This browser</span>}
                {s.host && <span class="pill">Host</span>}
                <div class="hint">
                  <span class="mono">{s.address || 'unknown address'}</span> · last active {formatDateTime(s.lastSeenAt)} ·
                  signed in {formatDateTime(s.createdAt)}
                  {s.rememberMe ? ' · remembered' : ''} · ends {formatDateTime(s.expiresAt)}
                </div>
              </div>
              {!s.current && (
                <button
                  type="button"
                  class="btn small danger-outline"
                  onClick={() => end(s)}
                  disabled={action.busy}
                  aria-label={`End the session of ${describeAgent(s.userAgent)} at ${s.address}`}
                  data-testid="session-end"
                >
                  End
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
