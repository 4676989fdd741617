import { useEffect, useState } from 'preact/hooks';
import { api, type LoginUser, type Status } from '../../api';
import { Brand } from '../../components/Logo';
import { InfoNote } from '../../components/Notice';
import { useResource } from '../../lib/useResource';
import { LoginForm } from './LoginForm';
import { UserPicker } from './UserPicker';
import './login.css';

/**
 * Multi-user sign-in (U6): "discreet" asks for the username; "list" shows the active users
 * to pick from, then asks for the password. Errors are the server's words. `notice`: why the
 * last session ended, when someone else ended it (shown above the form).
 */
export function LoginScreen({
  status,
  notice,
  onSignedIn,
}: {
  status: Status;
  notice?: string | null;
  onSignedIn: () => void;
}) {
  const [picked, setPicked] = useState<LoginUser | null>(null);
  // Why the last session ended matters until the next attempt to sign in.
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => setDismissed(false), [notice]);
  const list = status.loginStyle === 'list';
  const users = useResource(
    async (signal) => (list ? (await api.auth.users({ signal })).items : null),
    [list],
  );

  useEffect(() => {
    document.title = 'Sign in · Hearth';
  }, []);

  // Without the list (it failed to load), the discreet form still works.
  const listStyle = list && !users.error;

  return (
    <div class="center-screen lock-screen">
      <main class={`card ${listStyle && !picked ? 'medium' : 'narrow'}`} data-testid="login-screen">
        <Brand />
        <h1>Sign in</h1>
        {notice && !dismissed && <InfoNote testId="login-notice">{notice}</InfoNote>}
        {status.passwordLogin === false ? (
          <p class="muted center">
            Password sign-in is turned off for this Hearth. Use the sign-in link your organisation
            gave you.
          </p>
        ) : listStyle && !picked ? (
          <UserPicker users={users.data} onPick={setPicked} />
        ) : (
          <LoginForm
            user={listStyle ? picked : null}
            onBack={listStyle ? () => setPicked(null) : undefined}
            onSignedIn={onSignedIn}
            onAttempt={() => setDismissed(true)}
          />
        )}
        {status.version && <p class="hint center version">Hearth {status.version}</p>}
      </main>
    </div>
  );
}
