import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { ActionError, SuccessNote } from '../../components/Notice';
import { PASSWORD_HINT, PASSWORD_MISMATCH } from '../../lib/passwords';
import { useAction } from '../../lib/useAction';
import { SESSIONS_CHANGED } from './Sessions';
import { useFlash } from '../../lib/useFlash';

/** Multi-user mode: the account's own password (U5); the other sessions end. */
export function AccountPassword() {
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useFlash<true>(12_000);
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    if (!current) return action.setError('Type your current password first.');
    if (!pw) return action.setError('Type a new password, then press Change password.');
    if (pw !== confirm) return action.setError(PASSWORD_MISMATCH);
    const r = await action.run(() => api.me.changePassword(current, pw));
    if (r.ok) {
      setCurrent('');
      setPw('');
      setConfirm('');
      setDone(true);
      window.dispatchEvent(new Event(SESSIONS_CHANGED));
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="account-password-form">
      <h3>Change your password</h3>
      <p class="muted">You stay signed in here; your other devices are signed out.</p>
      <Field label="Current password" type="password" value={current} onInput={setCurrent} autoComplete="current-password" required testId="account-password-current" />
      <Field label="New password" type="password" value={pw} onInput={setPw} autoComplete="new-password" hint={PASSWORD_HINT} required testId="account-password-new" />
      <Field label="Confirm new password" type="password" value={confirm} onInput={setConfirm} autoComplete="new-password" required testId="account-password-confirm" />
      <ActionError action={action} testId="account-password-error" />
      {done && !action.error && (
        <SuccessNote testId="account-password-success">
          <strong>Password changed.</strong> Your other sessions have ended.
        </SuccessNote>
      )}
      <div class="actions">
        <button type="submit" class="btn primary" disabled={action.busy || action.waitSecs > 0} data-testid="account-password-submit">
          Change password
        </button>
      </div>
    </form>
  );
}
