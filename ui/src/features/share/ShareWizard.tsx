import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { ErrorNote } from '../../components/Notice';
import { toApiError } from '../../lib/errors';
import { PASSWORD_HINT } from '../../lib/passwords';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';

export type Step = 'form' | 'confirm' | 'done';

/** Step 1, the admin account; step 2, the confirmation; then the switch to multi-user. */
export function ShareWizard({ session, step, setStep }: { session: Session; step: Step; setStep: (s: Step) => void }) {
  const needsLock = session.status.lockEnabled || session.me.lockEnabled;
  // After a switch back to single-user the owner keeps their admin username: offer it again.
  const [username, setUsername] = useState(session.me.username ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [lockPassword, setLockPassword] = useState('');
  const action = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [step]);

  const next = (e: Event) => {
    e.preventDefault();
    const name = username.trim().toLowerCase();
    if (!name) return action.setError('Choose the admin username: lowercase letters, digits, dots, dashes or underscores.');
    if (!/^[a-z][a-z0-9._-]{1,63}$/.test(name)) {
      return action.setError('Usernames are 2 to 64 characters: start with a letter, then letters, digits, ".", "_" or "-".');
    }
    if (!password) return action.setError('Choose the admin password.');
    if (password !== confirm) return action.setError('The two passwords differ. Type the same password in both fields.');
    if (needsLock && !lockPassword) return action.setError('Type your current lock password to confirm it is you.');
    setUsername(name);
    action.setError(null);
    setStep('confirm');
  };

  const submit = async () => {
    const r = await action.run(() => api.mode.toMulti({ username, password }, needsLock ? lockPassword : undefined));
    if (r.ok) {
      setPassword('');
      setConfirm('');
      setLockPassword('');
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
      <div ref={confirmRef} class="card" role="group" aria-labelledby="share-confirm-title" data-testid="share-confirm">
        <h2 id="share-confirm-title">Switch to multi-user?</h2>
        <ul class="plain-list">
          <li>
            You become the admin <strong class="mono">{username}</strong>. Your workspaces, chats and settings stay
            yours.
          </li>
          <li>From now on everyone, you included, signs in with a username and password.</li>
          <li>Nobody else can use Hearth until you start the server and create their accounts.</li>
          <li>You can switch back to single-user later from the sharing panel; accounts are kept.</li>
        </ul>
        <ErrorNote message={action.error} testId="share-error" />
        <div class="actions">
          <button type="button" class="btn primary" onClick={submit} disabled={action.busy} data-testid="share-confirm-submit" data-autofocus>
            Switch to multi-user
          </button>
          <button type="button" class="btn" onClick={() => setStep('form')} disabled={action.busy} data-testid="share-back">
            Back
          </button>
        </div>
      </div>
    );
  }

  return (
    <form ref={formRef} class="card" onSubmit={next} noValidate data-testid="share-form">
      <h2>1. Create the admin account</h2>
      <p class="muted">
        You, the owner, <strong>become this admin</strong>: everything you have now moves with you. Admins add the
        other people, choose what they may see, and can switch Hearth back to single-user.
      </p>
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
        label="Admin password"
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        required
        testId="share-password"
      />
      <Field
        label="Confirm admin password"
        type="password"
        value={confirm}
        onInput={setConfirm}
        autoComplete="new-password"
        required
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
      <ErrorNote message={action.error} testId="share-error" />
      <div class="actions">
        <button type="submit" class="btn primary" data-testid="share-next">
          Continue
        </button>
      </div>
    </form>
  );
}
