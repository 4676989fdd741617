import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNote } from '../../components/Notice';
import { navigate } from '../../lib/router';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';

/** "Back to single-user", behind a confirmation that says what happens. */
export function SwitchToSingle({ session }: { session: Session }) {
  const [confirming, setConfirming] = useState(false);
  const single = useAction();

  const toSingle = async () => {
    const r = await single.run(() => api.mode.toSingle());
    if (r.ok) {
      await session.refresh();
      navigate('/');
    }
  };

  return (
    <div class={`card${confirming ? ' danger-zone' : ''}`} data-testid="switch-single">
      <h2>Back to single-user</h2>
      {!confirming ? (
        <>
          <p class="muted">Stop sharing: only you, on this computer, use Hearth again.</p>
          <button type="button" class="btn danger-outline" onClick={() => setConfirming(true)} data-testid="switch-single-start">
            Switch back to single-user…
          </button>
        </>
      ) : (
        <div role="group" aria-label="Confirm switching back to single-user">
          <ul class="plain-list">
            <li>The network server stops and everyone else is signed out.</li>
            <li>Their accounts, chats and workspace access are kept, but nobody else can sign in.</li>
            <li>You see every workspace again, as the owner.</li>
            <li>Switching to multi-user later brings every account back exactly as it was.</li>
          </ul>
          <ErrorNote message={single.error} testId="switch-single-error" />
          <div class="actions">
            <button type="button" class="btn danger" onClick={toSingle} disabled={single.busy} data-testid="switch-single-confirm">
              Switch to single-user
            </button>
            <button type="button" class="btn" onClick={() => setConfirming(false)} data-testid="switch-single-cancel">
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
