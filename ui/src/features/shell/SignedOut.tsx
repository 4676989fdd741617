import type { Status } from '../../api';
import { Brand } from '../../components/Logo';

/** Shown when the engine answers 401 `unauthenticated`: there is no session to use. */
export function SignedOut({ status, onRetry }: { status: Status | null; onRetry: () => void }) {
  const multi = status?.mode === 'multi';
  return (
    <div class="center-screen">
      <main class="card narrow" data-testid="signed-out">
        <Brand />
        <h1>Your session has ended</h1>
        {multi ? (
          <p>
            This Hearth is shared with several people. Sign-in from this page is not available
            yet: ask the person who runs it for a new link, then open it here.
          </p>
        ) : (
          <p>
            Open Hearth again from the desktop app, or open the host login link that{' '}
            <code>hearth serve</code> printed in its console. Then try again.
          </p>
        )}
        <button type="button" class="btn primary" onClick={onRetry} data-testid="retry">
          Try again
        </button>
      </main>
    </div>
  );
}
