import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Status } from '../../api';
import { Field } from '../../components/Field';
import { Brand } from '../../components/Logo';
import { ErrorNote, InfoNote, RetryNote } from '../../components/Notice';
import { throttleSecs, toApiError } from '../../lib/errors';
import { lockIsAdminPassword } from '../../lib/lockWords';
import { useRetryCountdown } from '../../lib/useRetryCountdown';

/**
 * The only thing visible while Hearth is locked: no workspace, name or other data is
 * fetched or rendered until the password is accepted.
 */
export function LockScreen({ status, onUnlocked }: { status: Status | null; onUnlocked: () => void }) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = 'Locked · Hearth';
  }, []);

  // A throttle's countdown survives a reload (kept in sessionStorage).
  const { waitSecs, waitFor } = useRetryCountdown('unlock', '', () => setError(null));
  // After a switch back from multi-user mode, the lock password is the admin's password.
  const [admin] = useState(lockIsAdminPassword);

  const focusInput = () => inputRef.current?.querySelector('input')?.focus();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || waitSecs > 0) return;
    if (!password) {
      setError('Type your Hearth password, then press Unlock.');
      focusInput();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.auth.unlock(password);
      setPassword('');
      onUnlocked();
    } catch (thrown) {
      const err = toApiError(thrown);
      const secs = throttleSecs(err);
      if (secs) waitFor(secs);
      // A throttle is said by its countdown alone.
      setError(secs ? null : err.message);
      setPassword('');
      setBusy(false);
      window.setTimeout(focusInput, 0);
    }
  };

  return (
    <div class="center-screen lock-screen">
      <main class="card narrow" data-testid="lock-screen">
        <Brand />
        <h1>Hearth is locked</h1>
        <p class="muted">Enter your password to continue.</p>
        {admin && (
          <InfoNote testId="lock-admin-password">
            Since Hearth went back to single-user, its lock password is the password of the admin account{' '}
            <strong class="mono">{admin}</strong>: the one you signed in with while it was shared.
          </InfoNote>
        )}
        <form onSubmit={submit} noValidate data-testid="unlock-form">
          <div ref={inputRef}>
            <Field
              label="Password"
              type="password"
              name="password"
              value={password}
              onInput={setPassword}
              autoComplete="current-password"
              autoFocus
              required
              invalid={!!error || waitSecs > 0}
              errorId={waitSecs > 0 ? 'unlock-wait' : error ? 'unlock-error' : undefined}
              testId="unlock-password"
            />
          </div>
          {waitSecs > 0 ? (
            <RetryNote secs={waitSecs} id="unlock-wait" testId="unlock-wait" />
          ) : (
            <ErrorNote message={error} id="unlock-error" testId="unlock-error" />
          )}
          <button
            type="submit"
            class="btn primary block"
            disabled={busy || waitSecs > 0}
            aria-busy={busy ? 'true' : undefined}
            data-testid="unlock-submit"
          >
            Unlock
          </button>
        </form>
        {status?.version && <p class="hint center version">Hearth {status.version}</p>}
      </main>
    </div>
  );
}
