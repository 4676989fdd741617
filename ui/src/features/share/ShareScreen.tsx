import { useState } from 'preact/hooks';
import { NotAllowed } from '../../components/NotAllowed';
import { SuccessNote } from '../../components/Notice';
import { isAdmin, isHost, isMulti } from '../../lib/access';
import { linkClick } from '../../lib/router';
import type { Session } from '../../lib/session';
import { ServerPanel } from './ServerPanel';
import { ServerScreen } from './ServerScreen';
import { ShareWizard, type Step } from './ShareWizard';
import { HOST_ONLY } from './words';
import './share.css';

/** `/share`: the "Share on your network" wizard (M3), then the server panel (M4). */
export function ShareScreen({ session }: { session: Session }) {
  const { status, me } = session;
  const [step, setStep] = useState<Step>('form');

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
        <h1 id="share-title">{step === 'done' ? 'Hearth is shared' : 'Share on your network'}</h1>
        {step !== 'done' && (
          <p class="muted">Let people on the same network use this Hearth from their browsers, each with their own account.</p>
        )}
      </div>
      {step === 'done' ? (
        <div class="stack-lg">
          <SuccessNote testId="share-done">
            <strong>Multi-user mode is on.</strong> You are now the admin <strong class="mono">{me.username}</strong>, and
            everything that was yours is still yours. Start the server below so that others can reach Hearth, then add
            their accounts under{' '}
            <a href="/admin/users" onClick={linkClick}>
              Users
            </a>
            .
          </SuccessNote>
          <ServerPanel session={session} />
        </div>
      ) : (
        <ShareWizard session={session} step={step} setStep={setStep} />
      )}
    </section>
  );
}
