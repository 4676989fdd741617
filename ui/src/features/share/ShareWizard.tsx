import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type User } from '../../api';
import { Field } from '../../components/Field';
import { ActionError } from '../../components/Notice';
import { roleLabel } from '../../lib/access';
import { toApiError } from '../../lib/errors';
import { setLockIsAdminPassword } from '../../lib/lockWords';
import { PASSWORD_HINT } from '../../lib/passwords';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';

export type Step = 'form' | 'confirm' | 'done';

/** At most this many accounts are named; the rest are counted. */
const NAMED = 8;

/** The other accounts, in words: "bob (default)", "Carol Jones (carol, manager, suspended)". */
export function accountWords(users: User[]): string {
  const named = users.slice(0, NAMED).map((u) => {
    const name = u.username ?? u.displayName;
    const notes = [roleLabel(u.role).toLowerCase(), ...(u.suspended ? ['suspended'] : [])].join(', ');
    return u.displayName && u.displayName !== name ? `${u.displayName} (${name}, ${notes})` : `${name} (${notes})`;
  });
  const rest = users.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}

/**
 * Step 1, the admin account; step 2, the confirmation; then the switch to multi-user.
 * `others`: the accounts besides the owner's (null while loading or when they cannot be read).
 * A second switch (the owner already was the admin, and its password is the lock password)
 * brings the admin back as it was: a new password is optional then, and the words speak of
 * the accounts that come back, not of accounts still to create.
 */
export function ShareWizard({
  session,
  step,
  setStep,
  others,
}: {
  session: Session;
  step: Step;
  setStep: (s: Step) => void;
  others: User[] | null;
}) {
  const needsLock = session.status.lockEnabled || session.me.lockEnabled;
  // After a switch back to single-user the owner keeps the admin's username, and the admin's
  // password is the lock password: switching again may keep both.
  const returning = !!session.me.username && needsLock;
  const [username, setUsername] = useState(session.me.username ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [lockPassword, setLockPassword] = useState('');
  const action = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const keepsAdmin = returning && !password && username.trim().toLowerCase() === session.me.username;

  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [step]);

  const backToForm = () => {
    setStep('form');
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[data-testid="share-next"]')?.focus(), 0);
  };

  const next = (e: Event) => {
    e.preventDefault();
    const name = username.trim().toLowerCase();
    if (!name) return action.setError('Choose the admin username: lowercase letters, digits, dots, dashes or underscores.');
    if (!/^[a-z][a-z0-9._-]{1,63}$/.test(name)) {
      return action.setError('Usernames are 2 to 64 characters: start with a letter, then letters, digits, ".", "_" or "-".');
    }
    if (returning && !password && name !== session.me.username) {
      return action.setError(
        `To rename the admin, also choose a new password for it. Or keep the name ${session.me.username ?? ''} and leave the passwords empty.`,
      );
    }
    if (!returning && !password) return action.setError('Choose the admin password.');
    if (password !== confirm) return action.setError('The two passwords differ. Type the same password in both fields.');
    if (needsLock && !lockPassword) return action.setError('Type your current lock password to confirm it is you.');
    setUsername(name);
    action.setError(null);
    setStep('confirm');
  };

  const submit = async () => {
    const admin = keepsAdmin ? null : { username, password };
    const r = await action.run(() => api.mode.toMulti(admin, needsLock ? lockPassword : undefined));
    if (r.ok) {
      setPassword('');
      setConfirm('');
      setLockPassword('');
      // The lock password is gone with single-user mode: the lock screen stops saying whose it is.
      setLockIsAdminPassword(null);
      setStep('done');
      await session.refresh();
    } else {
      const err = toApiError(r.error);
      // Values the server refused are on the form: go back there with the message.
      if (err.status !== 0 && err.status < 500) {
        setStep('form');
        window.setTimeout(() => formRef.current?.querySelector('input')?.focus(), 0);
      }
    }
  };

  if (step === 'confirm') {
    return (
      <div
        ref={confirmRef}
        class="card"
        role="group"
        aria-labelledby="share-confirm-title"
        data-testid="share-confirm"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !action.busy) {
            e.preventDefault();
            backToForm();
          }
        }}
      >
        <h2 id="share-confirm-title">Switch to multi-user?</h2>
        <ul class="plain-list">
          <li>
            You become the admin <strong class="mono">{username}</strong>
            {returning ? ' again' : ''}. Your workspaces, chats and settings stay yours.
          </li>
          <li>From now on everyone, you included, signs in with a username and password.</li>
          {others && others.length > 0 ? (
            <li data-testid="share-confirm-accounts">
              {others.length === 1 ? 'One account comes back' : `${others.length} accounts come back`} exactly as{' '}
              {others.length === 1 ? 'it was' : 'they were'}: {accountWords(others)}. They can sign in again once you
              start the server.
            </li>
          ) : (
            <li data-testid="share-confirm-accounts">
              Nobody else has an account yet: start the server, then create their accounts under Users.
            </li>
          )}
          <li>You can switch back to single-user later from the sharing panel; accounts are kept.</li>
        </ul>
        <ActionError action={action} testId="share-error" />
        <div class="actions">
          <button
            type="button"
            class="btn primary"
            onClick={submit}
            disabled={action.busy || action.waitSecs > 0}
            data-testid="share-confirm-submit"
            data-autofocus
          >
            Switch to multi-user
          </button>
          <button type="button" class="btn" onClick={backToForm} disabled={action.busy} data-testid="share-back">
            Back
          </button>
        </div>
      </div>
    );
  }

  return (
    <form ref={formRef} class="card" onSubmit={next} noValidate data-testid="share-form">
      <h2>{returning ? '1. Your admin account' : '1. Create the admin account'}</h2>
      {returning ? (
        <p class="muted" data-testid="share-returning">
          You were the admin <strong class="mono">{session.me.username}</strong> when Hearth was last shared. You become
          that admin again: everything you have now stays yours
          {others && others.length > 0 ? ', and every other account comes back as it was' : ''}. Keep your password (the
          lock password you use now), or choose a new one.
        </p>
      ) : (
        <p class="muted">
          You, the owner, <strong>become this admin</strong>: everything you have now moves with you. Admins add the
          other people, choose what they may see, and can switch Hearth back to single-user.
        </p>
      )}
      {others && others.length > 0 && (
        <p class="hint share-accounts" data-testid="share-accounts">
          Accounts that come back: {accountWords(others)}.
        </p>
      )}
      <Field
        label="Admin username"
        value={username}
        onInput={setUsername}
        autoComplete="username"
        maxLength={64}
        hint="Lowercase; start with a letter, then letters, digits, “.”, “_” or “-”."
        required
        testId="share-username"
      />
      <Field
        label={returning ? 'New admin password (optional)' : 'Admin password'}
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="new-password"
        hint={returning ? `Leave both empty to keep your password. ${PASSWORD_HINT}` : PASSWORD_HINT}
        required={!returning}
        testId="share-password"
      />
      <Field
        label={returning ? 'Confirm new admin password' : 'Confirm admin password'}
        type="password"
        value={confirm}
        onInput={setConfirm}
        autoComplete="new-password"
        required={!returning}
        testId="share-password-confirm"
      />
      {needsLock && (
        <Field
          label="Current lock password"
          type="password"
          value={lockPassword}
          onInput={setLockPassword}
          autoComplete="current-password"
          hint="The password you use to unlock Hearth today."
          required
          testId="share-lock-password"
        />
      )}
      <ActionError action={action} testId="share-error" />
      <div class="actions">
        <button type="submit" class="btn primary" data-testid="share-next">
          Continue
        </button>
      </div>
    </form>
  );
}
