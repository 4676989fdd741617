import { useState } from 'preact/hooks';
import { api } from '../../api';
import { NotAllowed } from '../../components/NotAllowed';
import { SuccessNote } from '../../components/Notice';
import { isAdmin, isHost, isMulti } from '../../lib/access';
import { linkClick } from '../../lib/router';
import type { Session } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { ServerPanel } from './ServerPanel';
import { ServerScreen } from './ServerScreen';
import { accountWords, ShareWizard, type Step } from './ShareWizard';
import { HOST_ONLY } from './words';
import './share.css';

/** `/share`: the "Share on your network" wizard (M3), then the server panel (M4). */
export function ShareScreen({ session }: { session: Session }) {
  const { status, me } = session;
  const [step, setStep] = useState<Step>('form');
  // "Hearth is shared" only while the network server runs.
  const [running, setRunning] = useState(false);
  const allowed = isHost(status) && isAdmin(me);
  // The accounts besides the owner's (kept from an earlier time Hearth was shared, or made
  // with the command line): a switch brings them back, and the wizard says so. Read once, in
  // single-user mode (the owner is an admin then).
  const accounts = useResource(
    async (signal) => (allowed && !isMulti(status) ? (await api.users.list({ signal })).items.filter((u) => !u.isOwner) : null),
    [allowed],
  );
  const others = accounts.data ?? null;

  if (!isHost(status)) return <NotAllowed title="Share on your network" message={HOST_ONLY} />;
  if (!isAdmin(me)) {
    return <NotAllowed title="Share on your network" message="Only an admin can change how Hearth is shared." />;
  }
  if (isMulti(status) && step !== 'done') {
    // Already shared: the same screen as /server.
    return <ServerScreen session={session} />;
  }

  return (
    <section class="screen" aria-labelledby="share-title" data-testid="share-screen">
      <div class="screen-head">
        <h1 id="share-title">
          {step !== 'done' ? 'Share on your network' : running ? 'Hearth is shared' : 'Multi-user mode is on'}
        </h1>
        {step !== 'done' && (
          <p class="muted">Let people on the same network use this Hearth from their browsers, each with their own account.</p>
        )}
      </div>
      {step === 'done' ? (
        <div class="stack-lg">
          <SuccessNote testId="share-done">
            <strong>Multi-user mode is on.</strong> You are now the admin <strong class="mono">{me.username}</strong>, and
            everything that was yours is still yours.{' '}
            {others && others.length > 0 ? (
              <span data-testid="share-done-accounts">
                Every other account is back as it was: {accountWords(others)}.{' '}
                {running
                  ? 'The server is running: they can sign in at the addresses below.'
                  : 'Start the server below so that they can reach Hearth again.'}{' '}
                Manage them under{' '}
                <a href="/admin/users" onClick={linkClick}>
                  Users
                </a>
                .
              </span>
            ) : (
              <span data-testid="share-done-accounts">
                {running
                  ? 'The server is running: add the accounts of the people who will use Hearth under '
                  : 'Start the server below so that others can reach Hearth, then add their accounts under '}
                <a href="/admin/users" onClick={linkClick}>
                  Users
                </a>
                .
              </span>
            )}
          </SuccessNote>
          <ServerPanel session={session} onServer={(s) => setRunning(s.running)} />
        </div>
      ) : (
        <ShareWizard session={session} step={step} setStep={setStep} others={others} />
      )}
    </section>
  );
}
