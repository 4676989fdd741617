import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type LoginUser } from '../../api';
import { Avatar } from '../../components/Avatar';
import { Checkbox, Field } from '../../components/Field';
import { ErrorNote, RetryNote } from '../../components/Notice';
import { throttleSecs, toApiError } from '../../lib/errors';
import { useRetryCountdown } from '../../lib/useRetryCountdown';

/** Username (unless picked from the list) and password; a throttle shows as one countdown,
 * kept for that username across a reload. Refusals show the server's words as they come
 * (a wrong password, a suspended account, single-user mode). */
export function LoginForm({
  user,
  onBack,
  onSignedIn,
  onAttempt,
}: {
  user: LoginUser | null;
  onBack?: () => void;
  onSignedIn: () => void;
  /** A sign-in is sent (what was said before it is over). */
  onAttempt?: () => void;
}) {
  const [username, setUsername] = useState(user?.username ?? '');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const who = (user?.username ?? username).trim().toLowerCase();
  const { waitSecs, waitFor, pending } = useRetryCountdown('login', who, () => setError(null));

  // After a reload during a throttle: the username it was for, with its countdown.
  useEffect(() => {
    if (!user && pending && !username) setUsername(pending);
  }, []);

  const focus = (which: 'username' | 'password') =>
    formRef.current?.querySelector<HTMLInputElement>(`input[name="${which}"]`)?.focus();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || waitSecs > 0) return;
    const name = (user?.username ?? username).trim().toLowerCase();
    if (!name) {
      setError('Type your username, then your password.');
      focus('username');
      return;
    }
    if (!password) {
      setError('Type your password, then press Sign in.');
      focus('password');
      return;
    }
    setBusy(true);
    setError(null);
    onAttempt?.();
    try {
      await api.auth.login(name, password, remember);
      setPassword('');
      onSignedIn();
    } catch (thrown) {
      const err = toApiError(thrown);
      const secs = throttleSecs(err);
      if (secs) waitFor(secs, name);
      // A throttle is said by its countdown alone.
      setError(secs ? null : err.message);
      setPassword('');
      setBusy(false);
      window.setTimeout(() => focus('password'), 0);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="login-form">
      {user ? (
        <div class="picked-user">
          <Avatar userId={user.id} name={user.displayName || user.username} hasAvatar={user.hasAvatar} size="large" />
          <div>
            <strong data-testid="picked-user-name">{user.displayName || user.username}</strong>
            <div class="muted mono">{user.username}</div>
          </div>
        </div>
      ) : (
        <Field
          label="Username"
          name="username"
          value={username}
          onInput={setUsername}
          autoComplete="username"
          autoFocus
          required
          maxLength={64}
          testId="login-username"
        />
      )}
      <Field
        label="Password"
        type="password"
        name="password"
        value={password}
        onInput={setPassword}
        autoComplete="current-password"
        autoFocus={!!user}
        required
        invalid={!!error || waitSecs > 0}
        errorId={waitSecs > 0 ? 'login-wait' : error ? 'login-error' : undefined}
        testId="login-password"
      />
      <Checkbox
        label="Keep me signed in on this device"
        hint="For 7 days instead of until you close the browser. Not on shared computers."
        checked={remember}
        onChange={setRemember}
        testId="login-remember"
      />
      {waitSecs > 0 ? (
        <RetryNote secs={waitSecs} id="login-wait" testId="login-wait" />
      ) : (
        <ErrorNote message={error} id="login-error" testId="login-error" />
      )}
      <button
        type="submit"
        class="btn primary block"
        disabled={busy || waitSecs > 0}
        aria-busy={busy ? 'true' : undefined}
        data-testid="login-submit"
      >
        Sign in
      </button>
      {onBack && (
        <p class="center back-link">
          <button type="button" class="btn link" onClick={onBack} data-testid="login-back">
            Not you? Choose another person
          </button>
        </p>
      )}
    </form>
  );
}
