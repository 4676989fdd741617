import { useRef, useState } from 'preact/hooks';
import { api, type LoginUser } from '../../api';
import { Avatar } from '../../components/Avatar';
import { Checkbox, Field } from '../../components/Field';
import { ErrorNote } from '../../components/Notice';
import { toApiError } from '../../lib/errors';
import { useRetryCountdown } from '../../lib/useRetryCountdown';

/** Username (unless picked from the list) and password; a throttle shows as a countdown. */
export function LoginForm({
  user,
  onBack,
  onSignedIn,
}: {
  user: LoginUser | null;
  onBack?: () => void;
  onSignedIn: () => void;
}) {
  const [username, setUsername] = useState(user?.username ?? '');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const { waitSecs, waitFor } = useRetryCountdown(() => setError(null));

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
    try {
      await api.auth.login(name, password, remember);
      setPassword('');
      onSignedIn();
    } catch (thrown) {
      const err = toApiError(thrown);
      if (err.code === 'throttled' && err.retryAfter) waitFor(err.retryAfter);
      setError(err.message);
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
        invalid={!!error}
        errorId={error ? 'login-error' : undefined}
        testId="login-password"
      />
      <Checkbox
        label="Keep me signed in on this device"
        hint="For 7 days instead of until you close the browser. Not on shared computers."
        checked={remember}
        onChange={setRemember}
        testId="login-remember"
      />
      <ErrorNote message={error} id="login-error" testId="login-error" />
      <button
        type="submit"
        class="btn primary block"
        disabled={busy || waitSecs > 0}
        aria-busy={busy ? 'true' : undefined}
        data-testid="login-submit"
      >
        Sign in
      </button>
      {waitSecs > 0 && (
        <p class="hint center" data-testid="login-wait">
          You can try again in {waitSecs} s.
        </p>
      )}
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
