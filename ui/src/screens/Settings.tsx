import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type { Session } from '../app';
import { Field, TextArea } from '../components/Field';
import { ErrorNote, SuccessNote } from '../components/Notice';
import { useAction } from '../components/useAction';
import { linkClick, SETTINGS_SECTIONS, type SettingsSection } from '../router';
import { loadTheme, saveTheme, type ThemeChoice } from '../theme';

const SECTION_TITLES: Record<SettingsSection, string> = {
  security: 'Security',
  profile: 'Profile',
  appearance: 'Appearance',
};

export function SettingsScreen({ session, section }: { session: Session; section: SettingsSection }) {
  return (
    <section class="screen" aria-labelledby="settings-title">
      <div class="screen-head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <div class="settings">
        <nav class="settings-nav" aria-label="Settings sections">
          {SETTINGS_SECTIONS.map((s) => (
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
        </nav>
        <div class="settings-body">
          {section === 'security' && <SecuritySettings session={session} />}
          {section === 'profile' && <ProfileSettings session={session} />}
          {section === 'appearance' && <AppearanceSettings />}
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
        <p class="muted">
          In multi-user mode everyone signs in with their own account; the single-user password lock
          does not apply.
        </p>
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
    </div>
  );
}

const PASSWORD_HINT = 'At least 8 characters. A few unrelated words make a strong, memorable password.';
const MISMATCH = 'The two new passwords differ. Type the same password in both fields.';

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
      <Field
        label="New password"
        type="password"
        value={pw}
        onInput={setPw}
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        required
        testId="set-password-new"
      />
      <Field
        label="Confirm new password"
        type="password"
        value={confirm}
        onInput={setConfirm}
        autoComplete="new-password"
        required
        testId="set-password-confirm"
      />
      <ErrorNote message={action.error} testId="set-password-error" />
      <div class="actions">
        <button type="submit" class="btn primary" disabled={action.busy} data-testid="set-password-submit">
          Set password
        </button>
      </div>
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
      <Field
        label="New password"
        type="password"
        value={pw}
        onInput={setPw}
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        required
        testId="change-password-new"
      />
      <Field
        label="Confirm new password"
        type="password"
        value={confirm}
        onInput={setConfirm}
        autoComplete="new-password"
        required
        testId="change-password-confirm"
      />
      <ErrorNote message={action.error} testId="change-password-error" />
      <div class="actions">
        <button type="submit" class="btn primary" disabled={action.busy} data-testid="change-password-submit">
          Change password
        </button>
      </div>
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
    <form class="stack-lg" onSubmit={submit} noValidate data-testid="profile-settings">
      <h2 class="section-title">Profile</h2>
      <div class="card">
        {session.me.username ? (
          <p class="muted">
            Signed in as <strong class="mono">{session.me.username}</strong>
            {session.me.role ? ` (${session.me.role})` : ''}.
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
  );
}

// ---------------------------------------------------------------------------------------------
// Appearance: theme choice, kept in this browser.

function AppearanceSettings() {
  const [choice, setChoice] = useState<ThemeChoice>(loadTheme());
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
              onChange={() => saveTheme(o.value)}
              data-testid={`theme-${o.value}`}
            />
            <span>
              {o.label}
              {o.hint && <span class="hint block">{o.hint}</span>}
            </span>
          </label>
        ))}
        <p class="hint">Kept in this browser only.</p>
      </fieldset>
    </div>
  );
}
