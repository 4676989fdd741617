import { useEffect, useRef, useState } from 'preact/hooks';
import { useRetryCountdown } from '../components/useRetryCountdown';
import { api, ApiError, errorMessage, type LoginUser, type Status } from '../api';
import { Avatar } from '../components/Avatar';
import { Checkbox, Field } from '../components/Field';
import { Logo } from '../components/Header';
import { ErrorNote } from '../components/Notice';

/**
 * Multi-user sign-in (U6): "discreet" asks for the username; "list" shows the active users
 * to pick from, then asks for the password. Errors are the server's one generic message.
 */
export function LoginScreen({ status, onSignedIn }: { status: Status; onSignedIn: () => void }) {
  const [users, setUsers] = useState<LoginUser[] | null>(null);
  const [picked, setPicked] = useState<LoginUser | null>(null);
  const [listFailed, setListFailed] = useState(false);

  useEffect(() => {
    document.title = 'Sign in · Hearth';
  }, []);

  useEffect(() => {
    if (status.loginStyle !== 'list') return;
    let live = true;
    api.auth
      .users()
      .then((page) => live && setUsers(page.items))
      .catch(() => live && setListFailed(true));
    return () => {
      live = false;
    };
  }, [status.loginStyle]);

  const listStyle = status.loginStyle === 'list' && !listFailed;

  return (
    <div class="center-screen lock-screen">
      <main class={`card ${listStyle && !picked ? 'medium' : 'narrow'}`} data-testid="login-screen">
        <div class="lock-brand">
          <Logo />
          <span>Hearth</span>
        </div>
        <h1>Sign in</h1>
        {status.passwordLogin === false ? (
          <p class="muted center">
            Password sign-in is turned off for this Hearth. Use the sign-in link your organisation
            gave you.
          </p>
        ) : listStyle && !picked ? (
          <UserPicker users={users} onPick={setPicked} />
        ) : (
          <LoginForm
            user={listStyle ? picked : null}
            onBack={listStyle ? () => setPicked(null) : undefined}
            onSignedIn={onSignedIn}
          />
        )}
        {status.version && <p class="hint center version">Hearth {status.version}</p>}
      </main>
    </div>
  );
}

function UserPicker({ users, onPick }: { users: LoginUser[] | null; onPick: (u: LoginUser) => void }) {
  if (users === null) {
    return (
      <p class="muted center" role="status">
        Loading…
      </p>
    );
  }
  if (users.length === 0) {
    return <p class="muted center">Nobody can sign in here yet. Ask the person who runs Hearth.</p>;
  }
  return (
    <>
      <p class="muted center">Who is signing in?</p>
      <ul class="user-cards" data-testid="login-user-list">
        {users.map((u) => (
          <li key={u.id}>
            <button
              type="button"
              class="user-card"
              onClick={() => onPick(u)}
              data-testid="login-user"
              data-username={u.username}
            >
              <Avatar userId={u.id} name={u.displayName || u.username} hasAvatar={u.hasAvatar} size="large" />
              <span class="user-card-name">{u.displayName || u.username}</span>
              {u.displayName && u.displayName !== u.username && (
                <span class="user-card-username mono">{u.username}</span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function LoginForm({
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
    } catch (err) {
      if (err instanceof ApiError && err.code === 'throttled' && err.retryAfter) {
        waitFor(err.retryAfter);
      }
      setError(errorMessage(err));
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
