import { NotAllowed } from '../../components/NotAllowed';
import { isAdmin, isHost, isMulti } from '../../lib/access';
import { linkClick } from '../../lib/router';
import type { Session } from '../../lib/session';
import { ServerPanel } from './ServerPanel';
import { HOST_ONLY } from './words';
import './share.css';

/** `/server` (and `/settings/sharing`): the LAN server panel at the host (M4, M5). */
export function ServerScreen({ session }: { session: Session }) {
  const { status, me } = session;
  if (!isMulti(status)) {
    if (isHost(status) && isAdmin(me)) {
      return (
        <section class="screen" aria-labelledby="server-title">
          <div class="screen-head">
            <h1 id="server-title">Sharing</h1>
          </div>
          <div class="card">
            <p>Hearth is in single-user mode: only you use it, on this computer.</p>
            <a class="btn primary" href="/share" onClick={linkClick} data-testid="go-share">
              Share on your network…
            </a>
          </div>
        </section>
      );
    }
    return <NotAllowed title="Sharing" message={HOST_ONLY} />;
  }
  if (!isHost(status)) return <NotAllowed title="Sharing" message={HOST_ONLY} />;
  return (
    <section class="screen" aria-labelledby="server-title" data-testid="server-screen">
      <div class="screen-head">
        <h1 id="server-title">Sharing</h1>
        <p class="muted">The server that lets people on your network reach this Hearth.</p>
      </div>
      <ServerPanel session={session} />
    </section>
  );
}
