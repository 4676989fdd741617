import type { Status } from '../../api';
import { Brand } from '../../components/Logo';
import { InfoNote } from '../../components/Notice';

/** Shown when the engine answers 401 `unauthenticated` outside the sign-in form: there is no
 * session to use. `notice`: why it ended, when someone else ended it. */
export function SignedOut({ status, notice, onRetry }: { status: Status | null; notice?: string | null; onRetry: () => void }) {
  const multi = status?.mode === 'multi';
  return (
    <div class="center-screen">
      <main class="card narrow" data-testid="signed-out">
        <Brand />
        <h1>Your session has ended</h1>
        {notice && <InfoNote testId="signed-out-notice">{notice}</InfoNote>}
        {multi ? (
          <p>Press Try again to get to the sign-in form, then sign in with your username and password.</p>
        ) : (
          <p>
            Open Hearth again from the desktop app. Or, on the computer Hearth runs on, run hearth host-link in a
            terminal and open the link it prints in a browser there. Then press Try again.
          </p>
        )}
        <button type="button" class="btn primary" onClick={onRetry} data-testid="retry">
          Try again
        </button>
      </main>
    </div>
  );
}
