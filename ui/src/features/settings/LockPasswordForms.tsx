// The single-user lock password's forms (Settings → Security).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { ActionError } from '../../components/Notice';
import { PASSWORD_HINT, PASSWORD_MISMATCH } from '../../lib/passwords';
import { useAction } from '../../lib/useAction';

/** The new password twice, the error and the submit button: how every form that sets a
 * password ends. Test ids are `${prefix}-new`, `-confirm`, `-error`, `-submit`. */
function NewPasswordTail(props: {
  prefix: string;
  pw: string;
  setPw: (v: string) => void;
  confirm: string;
  setConfirm: (v: string) => void;
  action: { error: string | null; waitSecs: number };
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
      <ActionError action={props.action} testId={`${prefix}-error`} />
      <div class="actions">
        <button type="submit" class="btn primary" disabled={props.busy || props.action.waitSecs > 0} data-testid={`${prefix}-submit`}>
          {props.submitLabel}
        </button>
      </div>
    </>
  );
}

/** No lock password yet: set one. */
export function SetLockPassword({ onDone }: { onDone: () => Promise<void> }) {
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!pw) return action.setError('Type a password, then press Set password.');
    if (pw !== confirm) return action.setError(PASSWORD_MISMATCH);
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
        action={action}
        busy={action.busy}
        submitLabel="Set password"
      />
    </form>
  );
}

/** A new lock password, given the current one. */
export function ChangeLockPassword({ onDone }: { onDone: () => Promise<void> }) {
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!current) return action.setError('Type your current password first.');
    if (!pw) return action.setError('Type a new password, then press Change password.');
    if (pw !== confirm) return action.setError(PASSWORD_MISMATCH);
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
        action={action}
        busy={action.busy}
        submitLabel="Change password"
      />
    </form>
  );
}

/** Back to no lock password, given the current one. */
export function RemoveLockPassword({ onDone }: { onDone: () => Promise<void> }) {
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
      <ActionError action={action} testId="remove-password-error" />
      <div class="actions">
        <button type="submit" class="btn danger-outline" disabled={action.busy || action.waitSecs > 0} data-testid="remove-password-submit">
          Remove password
        </button>
      </div>
    </form>
  );
}
