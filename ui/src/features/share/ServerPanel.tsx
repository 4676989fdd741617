import { useEffect } from 'preact/hooks';
import { api, type ServerStatus } from '../../api';
import { Loading } from '../../components/Loading';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNote } from '../../components/Notice';
import type { Session } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { AllowedHosts } from './AllowedHosts';
import { ServerAddresses } from './ServerAddresses';
import { ServerControl } from './ServerControl';
import { SwitchToSingle } from './SwitchToSingle';

/** How often the open panel refreshes "users online" and the running state. */
const POLL_MS = 15_000;

/** The LAN server: state and start/stop, its addresses, allowed host names, back to single-user. */
export function ServerPanel({ session, onServer }: { session: Session; onServer?: (s: ServerStatus) => void }) {
  const server = useResource((signal) => api.server.get({ signal }), []);

  // The screen around it says "shared" only while the server runs.
  useEffect(() => {
    if (server.data) onServer?.(server.data);
  }, [server.data]);

  useEffect(() => {
    const t = window.setInterval(() => {
      if (document.visibilityState === 'visible') server.reload();
    }, POLL_MS);
    return () => window.clearInterval(t);
  }, [server.reload]);

  if (server.error && !server.data) {
    if (server.error.status === 403) return <NotAllowed title="Sharing" message={server.error.message} />;
    return (
      <div class="stack">
        <ErrorNote message={server.error.message} testId="server-error" />
        <button type="button" class="btn" onClick={server.reload}>
          Try again
        </button>
      </div>
    );
  }
  if (!server.data) return <Loading>Loading the server status…</Loading>;

  const s = server.data;
  const apply = (next: ServerStatus) => server.setData(next);
  return (
    <div class="stack-lg" data-testid="server-panel">
      <ServerControl server={s} onChanged={apply} />
      <ServerAddresses server={s} onChanged={apply} />
      <AllowedHosts server={s} onChanged={apply} />
      <SwitchToSingle session={session} />
    </div>
  );
}
