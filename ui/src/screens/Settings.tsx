import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, type SessionInfo, type SystemSettings } from '../api';
import { canRunServer, formatDateTime, isAdmin, isMulti, roleLabel } from '../access';
import type { Session } from '../app';
import { Avatar, avatarsChanged } from '../components/Avatar';
import { Field, TextArea } from '../components/Field';
import { NotAllowed } from '../components/NotAllowed';
import { ErrorNote, SuccessNote } from '../components/Notice';
import { useAction } from '../components/useAction';
import { linkClick, SETTINGS_SECTIONS, type SettingsSection } from '../router';
import { loadTheme, saveTheme, type ThemeChoice } from '../theme';

const SECTION_TITLES: Record<SettingsSection, string> = {
  security: 'Security',
  profile: 'Profile',
  appearance: 'Appearance',
  'sign-in': 'Sign-in',
};

export function SettingsScreen({ session, section }: { session: Session; section: SettingsSection }) {
  const adminMulti = isMulti(session.status) && isAdmin(session.me);
  const sections = SETTINGS_SECTIONS.filter((s) => s !== 'sign-in' || adminMulti);
  return (
    <section class="screen" aria-labelledby="settings-title">
      <div class="screen-head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <div class="settings">
        <nav class="settings-nav" aria-label="Settings sections">
          {sections.map((s) => (
            <a
              key={s}
              href={`/settings/${s}`}
              onClick={linkClick}
              aria-current={s === section ? 'page' : undefined}
              data-testid={`settings-nav-${s}`}
            >
              {SECTION_TITLES[s]}
            </a>
          ))}
          {canRunServer(session.status, session.me) && (
            <a href="/server" onClick={linkClick} data-testid="settings-nav-sharing">
              Sharing
            </a>
          )}
        </nav>
        <div class="settings-body">
          {section === 'security' && <SecuritySettings session={session} />}
          {section === 'profile' && <ProfileSettings session={session} />}
          {section === 'appearance' && <AppearanceSettings session={session} />}
          {section === 'sign-in' &&
            (adminMulti ? (
              <SignInSettings />
            ) : (
              <NotAllowed title="Sign-in" message="Only an admin of a shared Hearth changes how people sign in." />
            ))}
        </div>
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Security: the single-user lock password (M2).

type Done = 'set' | 'changed' | 'removed' | null;

function SecuritySettings({ session }: { session: Session }) {
  const enabled = session.me.lockEnabled;
  const [done, setDone] = useState<Done>(null);

  const after = async (what: Done) => {
    await session.refresh();
    setDone(what);
  };

  return (
    <div class="stack-lg" data-testid="security-settings">
      <h2 class="section-title">Security</h2>

      {session.status.mode === 'multi' ? (
        <AccountPassword />
      ) : (
        <>
          <div class={`lock-state ${enabled ? 'on' : 'off'}`} data-testid="lock-state">
            <strong>{enabled ? 'Password lock is on.' : 'Password lock is off.'}</strong>{' '}
            {enabled
              ? 'Hearth asks for your password when it starts, after it has been idle for a while, and whenever you press Lock now.'
              : 'Anyone who can open this window can use Hearth. Set a password to lock it.'}
          </div>

          {done === 'set' && (
            <SuccessNote testId="lock-set-success">
              <strong>Password set.</strong> From now on Hearth asks for it when it starts and after it
              has been idle for a while. Use <em>Lock now</em> at the top to lock it right away. Keep
              the password somewhere safe: it cannot be shown again.
            </SuccessNote>
          )}
          {done === 'changed' && (
            <SuccessNote testId="lock-changed-success">
              <strong>Password changed.</strong> Use the new one the next time Hearth asks.
            </SuccessNote>
          )}
          {done === 'removed' && (
            <SuccessNote testId="lock-removed-success">
              <strong>Password removed.</strong> Hearth no longer asks for a password.
            </SuccessNote>
          )}

          {enabled ? (
            <>
              <ChangePassword onDone={() => after('changed')} />
              <RemovePassword onDone={() => after('removed')} />
            </>
          ) : (
            <SetPassword onDone={() => after('set')} />
          )}
        </>
      )}
      <Sessions />
    </div>
  );
}

/** Multi-user mode: the account's own password (U5); the other sessions end. */
function AccountPassword() {
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    if (!current) return action.setError('Type your current password first.');
    if (!pw) return action.setError('Type a new password, then press Change password.');
    if (pw !== confirm) return action.setError(MISMATCH);
    const r = await action.run(() => api.me.changePassword(current, pw));
    if (r.ok) {
      setCurrent('');
      setPw('');
      setConfirm('');
      setDone(true);
      window.dispatchEvent(new Event('hearth:sessions'));
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="account-password-form">
      <h3>Change your password</h3>
      <p class="muted">You stay signed in here; your other devices are signed out.</p>
      <Field label="Current password" type="password" value={current} onInput={setCurrent} autoComplete="current-password" required testId="account-password-current" />
      <Field label="New password" type="password" value={pw} onInput={setPw} autoComplete="new-password" hint={PASSWORD_HINT} required testId="account-password-new" />
      <Field label="Confirm new password" type="password" value={confirm} onInput={setConfirm} autoComplete="new-password" required testId="account-password-confirm" />
      <ErrorNote message={action.error} testId="account-password-error" />
      {done && !action.error && (
        <SuccessNote testId="account-password-success">
          <strong>Password changed.</strong> Your other sessions have ended.
        </SuccessNote>
      )}
      <div class="actions">
        <button type="submit" class="btn primary" disabled={action.busy} data-testid="account-password-submit">
          Change password
        </button>
      </div>
    </form>
  );
}

/** Where this account is signed in (U5, U7), with a way to end the others. */
function Sessions() {
  const [items, setItems] = useState<SessionInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const action = useAction();

  const load = async () => {
    try {
      setItems((await api.me.sessions()).items);
      setLoadError(null);
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  };
  useEffect(() => {
    void load();
    const again = () => void load();
    window.addEventListener('hearth:sessions', again);
    return () => window.removeEventListener('hearth:sessions', again);
  }, []);

  const end = async (s: SessionInfo) => {
    const r = await action.run(() => api.me.endSession(s.id));
    if (r.ok) setItems((prev) => (prev ?? []).filter((x) => x.id !== s.id));
  };

  return (
    <div class="card" data-testid="sessions">
      <h3>Where you are signed in</h3>
      <ErrorNote message={loadError ?? action.error} testId="sessions-error" />
      {items === null && !loadError && (
        <p class="muted" role="status">
          Loading sessions…
        </p>
      )}
      {items && (
        <ul class="session-list">
          {items.map((s) => (
            <li key={s.id} class="session-item" data-testid="session-item">
              <div class="session-main">
                <strong>{describeAgent(s.userAgent)}</strong>
                {s.current && <span class="pill pill-on">This browser</span>}
                {s.host && <span class="pill">Host</span>}
                <div class="hint">
                  <span class="mono">{s.address || 'unknown address'}</span> · last active {formatDateTime(s.lastSeenAt)} ·
                  signed in {formatDateTime(s.createdAt)}
                  {s.rememberMe ? ' · remembered' : ''} · ends {formatDateTime(s.expiresAt)}
                </div>
              </div>
              {!s.current && (
                <button
                  type="button"
                  class="btn small danger-outline"
                  onClick={() => end(s)}
                  disabled={action.busy}
                  aria-label={`End the session of ${describeAgent(s.userAgent)} at ${s.address}`}
                  data-testid="session-end"
                >
                  End
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Firefox on Linux" from a User-Agent; good enough to recognise one's own devices. */
function describeAgent(ua: string): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /tauri|Hearth/i.test(ua)
            ? 'Hearth app'
            : ua.split(/[ /]/)[0] || 'Unknown';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
}

const PASSWORD_HINT = 'At least 8 characters. A few unrelated words make a strong, memorable password.';
const MISMATCH = 'The two new passwords differ. Type the same password in both fields.';

/** The new password twice, the error and the submit button: how every form that sets a
 * password ends. Test ids are `${prefix}-new`, `-confirm`, `-error`, `-submit`. */
function NewPasswordTail(props: {
  prefix: string;
  pw: string;
  setPw: (v: string) => void;
  confirm: string;
  setConfirm: (v: string) => void;
  error: string | null;
  busy: boolean;
  submitLabel: string;
}) {
  const { prefix } = props;
  return (
    <>
      <Field
        label="New password"
        type="password"
        value={props.pw}
        onInput={props.setPw}
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        required
        testId={`${prefix}-new`}
      />
      <Field
        label="Confirm new password"
        type="password"
        value={props.confirm}
        onInput={props.setConfirm}
        autoComplete="new-password"
        required
        testId={`${prefix}-confirm`}
      />
      <ErrorNote message={props.error} testId={`${prefix}-error`} />
      <div class="actions">
        <button type="submit" class="btn primary" disabled={props.busy} data-testid={`${prefix}-submit`}>
          {props.submitLabel}
        </button>
      </div>
    </>
  );
}

function SetPassword({ onDone }: { onDone: () => Promise<void> }) {
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!pw) return action.setError('Type a password, then press Set password.');
    if (pw !== confirm) return action.setError(MISMATCH);
    const r = await action.run(() => api.me.setLock(pw));
    if (r.ok) {
      setPw('');
      setConfirm('');
      await onDone();
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="set-password-form">
      <h3>Set a password</h3>
      <NewPasswordTail
        prefix="set-password"
        pw={pw}
        setPw={setPw}
        confirm={confirm}
        setConfirm={setConfirm}
        error={action.error}
        busy={action.busy}
        submitLabel="Set password"
      />
    </form>
  );
}

function ChangePassword({ onDone }: { onDone: () => Promise<void> }) {
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!current) return action.setError('Type your current password first.');
    if (!pw) return action.setError('Type a new password, then press Change password.');
    if (pw !== confirm) return action.setError(MISMATCH);
    const r = await action.run(() => api.me.setLock(pw, current));
    if (r.ok) {
      setCurrent('');
      setPw('');
      setConfirm('');
      await onDone();
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="change-password-form">
      <h3>Change password</h3>
      <Field
        label="Current password"
        type="password"
        value={current}
        onInput={setCurrent}
        autoComplete="current-password"
        required
        testId="change-password-current"
      />
      <NewPasswordTail
        prefix="change-password"
        pw={pw}
        setPw={setPw}
        confirm={confirm}
        setConfirm={setConfirm}
        error={action.error}
        busy={action.busy}
        submitLabel="Change password"
      />
    </form>
  );
}

function RemovePassword({ onDone }: { onDone: () => Promise<void> }) {
  const [current, setCurrent] = useState('');
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!current) return action.setError('Type your current password to remove it.');
    const r = await action.run(() => api.me.removeLock(current));
    if (r.ok) {
      setCurrent('');
      await onDone();
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="remove-password-form">
      <h3>Remove password</h3>
      <p class="muted">
        Without a password, anyone who can open this window can read your workspaces and chats.
      </p>
      <Field
        label="Current password (to remove it)"
        type="password"
        value={current}
        onInput={setCurrent}
        autoComplete="current-password"
        required
        testId="remove-password-current"
      />
      <ErrorNote message={action.error} testId="remove-password-error" />
      <div class="actions">
        <button type="submit" class="btn danger-outline" disabled={action.busy} data-testid="remove-password-submit">
          Remove password
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Profile (U5, self-service part).

function ProfileSettings({ session }: { session: Session }) {
  const [displayName, setDisplayName] = useState(session.me.displayName ?? '');
  const [bio, setBio] = useState(session.me.bio ?? '');
  const [saved, setSaved] = useState(false);
  const action = useAction();

  useEffect(() => {
    setDisplayName(session.me.displayName ?? '');
    setBio(session.me.bio ?? '');
  }, [session.me.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const r = await action.run(() => api.me.update({ displayName, bio }));
    if (r.ok) {
      setSaved(true);
      await session.refresh();
    }
  };

  return (
    <div class="stack-lg">
    <form class="stack-lg" onSubmit={submit} noValidate data-testid="profile-settings">
      <h2 class="section-title">Profile</h2>
      <AvatarCard session={session} />
      <div class="card">
        {session.me.username ? (
          <p class="muted">
            Signed in as <strong class="mono">{session.me.username}</strong>
            {session.me.role && session.status.mode === 'multi' ? ` (${roleLabel(session.me.role)})` : ''}.
          </p>
        ) : (
          <p class="muted">You are this Hearth's owner. Your name shows in chats and, later, to people you share with.</p>
        )}
        <Field label="Display name" value={displayName} onInput={setDisplayName} maxLength={100} testId="profile-display-name" />
        <TextArea label="Bio" value={bio} onInput={setBio} rows={3} maxLength={2000} testId="profile-bio" />
        <ErrorNote message={action.error} testId="profile-error" />
        {saved && !action.error && <SuccessNote testId="profile-success">Profile saved.</SuccessNote>}
        <div class="actions">
          <button type="submit" class="btn primary" disabled={action.busy} data-testid="profile-save">
            Save
          </button>
        </div>
      </div>
    </form>
    </div>
  );
}

const AVATAR_MAX = 512 * 1024;
const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

function AvatarCard({ session }: { session: Session }) {
  const me = session.me;
  const [hasAvatar, setHasAvatar] = useState<boolean | undefined>(me.hasAvatar);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const fileRef = useRef<HTMLInputElement>(null);

  const upload = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    setDone(null);
    if (!file) return;
    if (!AVATAR_TYPES.includes(file.type)) {
      input.value = '';
      return action.setError('Choose a PNG, JPEG or WebP image.');
    }
    if (file.size > AVATAR_MAX) {
      input.value = '';
      return action.setError(`That image is ${Math.ceil(file.size / 1024)} KiB; the limit is 512 KiB. Choose a smaller one.`);
    }
    const r = await action.run(() => api.me.setAvatar(file, file.type));
    input.value = '';
    if (r.ok) {
      setHasAvatar(true);
      avatarsChanged();
      setDone('Picture updated.');
      await session.refresh();
    }
  };
  const remove = async () => {
    setDone(null);
    const r = await action.run(() => api.me.removeAvatar());
    if (r.ok) {
      setHasAvatar(false);
      avatarsChanged();
      setDone('Picture removed.');
      await session.refresh();
    }
  };

  return (
    <div class="card avatar-card" data-testid="avatar-card">
      <Avatar userId={me.id} name={me.displayName || me.username || '?'} hasAvatar={hasAvatar} size="large" />
      <div class="avatar-card-body">
        <h3>Picture</h3>
        <p class="hint">PNG, JPEG or WebP, up to 512 KiB. Shown next to your name{isMulti(session.status) ? ' and on the sign-in screen' : ''}.</p>
        <div class="actions">
          <label class="btn small file-btn">
            <input
              ref={fileRef}
              type="file"
              accept={AVATAR_TYPES.join(',')}
              class="sr-only"
              onChange={upload}
              disabled={action.busy}
              data-testid="avatar-file"
            />
            Choose a picture…
          </label>
          {hasAvatar !== false && (
            <button type="button" class="btn small" onClick={remove} disabled={action.busy} data-testid="avatar-remove">
              Remove
            </button>
          )}
        </div>
        <ErrorNote message={action.error} testId="avatar-error" />
        {done && !action.error && <SuccessNote testId="avatar-success">{done}</SuccessNote>}
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Appearance: theme choice, kept in this browser.

function AppearanceSettings({ session }: { session: Session }) {
  const [choice, setChoice] = useState<ThemeChoice>(loadTheme());
  const sync = useAction();
  const choose = async (value: ThemeChoice) => {
    saveTheme(value);
    // Also kept with the account, so it follows the person to other devices.
    await sync.run(() => api.me.update({ preferences: { ...(session.me.preferences ?? {}), theme: value } }));
  };
  useEffect(() => {
    const update = () => setChoice(loadTheme());
    window.addEventListener('hearth:theme', update);
    return () => window.removeEventListener('hearth:theme', update);
  }, []);
  const options: { value: ThemeChoice; label: string; hint: string }[] = [
    { value: 'system', label: 'Match the system', hint: 'Light or dark, as your device is set.' },
    { value: 'light', label: 'Light', hint: '' },
    { value: 'dark', label: 'Dark', hint: '' },
  ];
  return (
    <div class="stack-lg" data-testid="appearance-settings">
      <h2 class="section-title">Appearance</h2>
      <fieldset class="card radio-group">
        <legend>Theme</legend>
        {options.map((o) => (
          <label class="radio" key={o.value}>
            <input
              type="radio"
              name="theme"
              value={o.value}
              checked={choice === o.value}
              onChange={() => void choose(o.value)}
              data-testid={`theme-${o.value}`}
            />
            <span>
              {o.label}
              {o.hint && <span class="hint block">{o.hint}</span>}
            </span>
          </label>
        ))}
        <p class="hint">Kept in this browser and with your account.</p>
        <ErrorNote message={sync.error} testId="appearance-error" />
      </fieldset>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Sign-in (admin, multi-user): the login screen's style and the idle timeout.

function SignInSettings() {
  const [settings, setSettings] = useState<SystemSettings | null>(null);
  const [style, setStyle] = useState<'discreet' | 'list'>('discreet');
  const [idle, setIdle] = useState('');
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  useEffect(() => {
    api.settings
      .get()
      .then((s) => {
        setSettings(s);
        setStyle(s.loginStyle);
        setIdle(String(s.idleTimeoutMinutes));
      })
      .catch((err) => setLoadError(err instanceof ApiError ? err : new ApiError(0, 'error', errorMessage(err))));
  }, []);

  if (loadError) {
    return loadError.status === 403 ? <NotAllowed title="Sign-in" message={loadError.message} /> : <ErrorNote message={loadError.message} />;
  }
  if (!settings) {
    return (
      <p class="muted" role="status">
        Loading…
      </p>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const minutes = idle.trim();
    if (!/^\d{1,6}$/.test(minutes)) return action.setError('The idle timeout is a whole number of minutes.');
    const patch: Partial<SystemSettings> = {};
    if (style !== settings.loginStyle) patch.loginStyle = style;
    if (Number(minutes) !== settings.idleTimeoutMinutes) patch.idleTimeoutMinutes = Number(minutes);
    if (Object.keys(patch).length === 0) return setSaved(true);
    const r = await action.run(() => api.settings.update(patch));
    if (r.ok) {
      setSettings(r.result);
      setStyle(r.result.loginStyle);
      setIdle(String(r.result.idleTimeoutMinutes));
      setSaved(true);
    }
  };

  return (
    <form class="stack-lg" onSubmit={submit} noValidate data-testid="sign-in-settings">
      <h2 class="section-title">Sign-in</h2>
      <fieldset class="card radio-group">
        <legend>Sign-in screen</legend>
        <label class="radio">
          <input type="radio" name="login-style" value="discreet" checked={style === 'discreet'} onChange={() => setStyle('discreet')} data-testid="login-style-discreet" />
          <span>
            Discreet
            <span class="hint block">People type their username. Nobody sees who has an account.</span>
          </span>
        </label>
        <label class="radio">
          <input type="radio" name="login-style" value="list" checked={style === 'list'} onChange={() => setStyle('list')} data-testid="login-style-list" />
          <span>
            List of people
            <span class="hint block">The sign-in screen shows everyone’s name and picture; people pick theirs and type the password.</span>
          </span>
        </label>
      </fieldset>
      <div class="card">
        <Field
          label="Sign out after this many idle minutes"
          value={idle}
          onInput={setIdle}
          inputMode="numeric"
          maxLength={6}
          hint="Sessions with no activity for this long end."
          testId="idle-timeout"
        />
        <ErrorNote message={action.error} testId="sign-in-settings-error" />
        {saved && !action.error && <SuccessNote testId="sign-in-settings-saved">Saved.</SuccessNote>}
        <div class="actions">
          <button type="submit" class="btn primary" disabled={action.busy} data-testid="sign-in-settings-save">
            Save
          </button>
        </div>
      </div>
    </form>
  );
}
