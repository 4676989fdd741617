import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNote } from '../../components/Notice';
import { setLockIsAdminPassword } from '../../lib/lockWords';
import { navigate } from '../../lib/router';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';

/** "Back to single-user", behind a confirmation that says what happens (the focus goes into
 * it, and back to the button that opened it on Cancel or Escape). */
export function SwitchToSingle({ session }: { session: Session }) {
  const [confirming, setConfirming] = useState(false);
  const single = useAction();
  const boxRef = useRef<HTMLDivElement>(null);
  const admin = session.me.username;

  useEffect(() => {
    if (confirming) boxRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    single.setError(null);
    window.setTimeout(() => boxRef.current?.querySelector<HTMLElement>('[data-testid="switch-single-start"]')?.focus(), 0);
  };

  const toSingle = async () => {
    const r = await single.run(() => api.mode.toSingle());
    if (r.ok) {
      // The lock screen cannot ask whose password locks Hearth now: this browser tells it.
      setLockIsAdminPassword(admin);
      await session.refresh();
      navigate('/');
    }
  };

  return (
    <div
      ref={boxRef}
      class={`card${confirming ? ' danger-zone' : ''}`}
      data-testid="switch-single"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && confirming) {
          e.preventDefault();
          cancel();
        }
      }}
    >
      <h2>Back to single-user</h2>
      {!confirming ? (
        <>
          <p class="muted">Stop sharing: only you, on this computer, use Hearth again.</p>
          <button type="button" class="btn danger-outline" onClick={() => setConfirming(true)} data-testid="switch-single-start">
            Switch back to single-user…
          </button>
        </>
      ) : (
        <div role="group" aria-label="Confirm switching back to single-user" data-testid="switch-single-confirm-box">
          <ul class="plain-list">
            <li>The network server stops and everyone else is signed out.</li>
            <li>Their accounts, chats and workspace access are kept, but nobody else can sign in.</li>
            <li>You see every workspace again, as the owner.</li>
            <li data-testid="switch-single-lock">
              Your admin password
              {admin ? (
                <>
                  {' '}
                  (the one of <strong class="mono">{admin}</strong>)
                </>
              ) : null}{' '}
              becomes the lock password: Hearth asks for it when it starts, after it has been idle and on Lock now.
              You can change it in Settings → Security.
            </li>
            <li>Switching to multi-user later brings every account back exactly as it was.</li>
          </ul>
          <ErrorNote message={single.error} testId="switch-single-error" />
          <div class="actions">
            <button type="button" class="btn danger" onClick={toSingle} disabled={single.busy} data-testid="switch-single-confirm">
              Switch to single-user
            </button>
            <button type="button" class="btn" onClick={cancel} data-testid="switch-single-cancel" data-autofocus>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
