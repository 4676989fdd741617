// The forms a user row opens in place: edit, workspaces, password reset, end sessions, delete.
import { useState } from 'preact/hooks';
import { api, type Role, type User, type UserPatch, type Workspace } from '../../api';
import { Checkbox, Field, Select } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { ErrorNote } from '../../components/Notice';
import { roleLabel } from '../../lib/access';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';
import { assignableRoles, LIMIT_HINT, LIMIT_INVALID, limitText, parseLimit, PASSWORD_HINT } from './rules';
import { WorkspaceChecks } from './WorkspaceChecks';

interface FormProps {
  session: Session;
  user: User;
  /** How the account is called in messages (username, else display name). */
  name: string;
  onCancel: () => void;
  /** Success: the message to show under the row, and the account as changed. */
  onDone: (text: string, changed?: User) => void;
}

export function EditUserForm({ session, user, name, onCancel, onDone }: FormProps) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [limit, setLimit] = useState(limitText(user.dailyMessageLimit));
  const [suspended, setSuspended] = useState(user.suspended);
  const action = useAction();
  const self = user.id === session.me.id;

  const roleOptions = assignableRoles(session.me);
  if (!roleOptions.some((o) => o.value === user.role)) roleOptions.push({ value: user.role, label: roleLabel(user.role) });

  const submit = async (e: Event) => {
    e.preventDefault();
    const lim = parseLimit(limit);
    if (lim === 'invalid') return action.setError(LIMIT_INVALID);
    const patch: UserPatch = {};
    if (displayName.trim() !== user.displayName) patch.displayName = displayName.trim();
    if (role !== user.role) patch.role = role;
    if (lim !== user.dailyMessageLimit) patch.dailyMessageLimit = lim;
    if (suspended !== user.suspended) patch.suspended = suspended;
    if (Object.keys(patch).length === 0) return onCancel();
    const r = await action.run(() => api.users.update(user.id, patch));
    if (r.ok) onDone(`Saved ${name}.${patch.suspended ? ' Their sessions have ended.' : ''}`, r.result);
  };

  return (
    <form class="ws-form" onSubmit={submit} noValidate data-testid="user-edit-form">
      <div class="field-row">
        <Field label="Display name" value={displayName} onInput={setDisplayName} maxLength={100} testId="user-edit-display-name" />
        <Field label="Daily message limit" value={limit} onInput={setLimit} inputMode="numeric" maxLength={9} hint={LIMIT_HINT} testId="user-edit-limit" />
      </div>
      {user.isOwner || self ? (
        <p class="hint">
          {user.isOwner
            ? 'This is the host’s own account: it stays an admin and cannot be suspended.'
            : 'You cannot change your own role or suspend yourself.'}
        </p>
      ) : (
        <>
          <Select label="Role" value={role} onChange={setRole} options={roleOptions} testId="user-edit-role" />
          <Checkbox
            label="Suspended"
            hint="A suspended account cannot sign in, and its open sessions end at once."
            checked={suspended}
            onChange={setSuspended}
            testId="user-edit-suspended"
          />
        </>
      )}
      <FormActions testId="user-edit" error={action.error} busy={action.busy} submitLabel="Save" onCancel={onCancel} />
    </form>
  );
}

export function UserWorkspacesForm({ user, name, onCancel, onDone, workspaces }: FormProps & { workspaces: Workspace[] }) {
  const [wsIds, setWsIds] = useState<string[]>(user.workspaceIds ?? []);
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await action.run(() => api.users.setWorkspaces(user.id, wsIds));
    if (r.ok) onDone(`Saved the workspaces of ${name}.`, r.result);
  };

  return (
    <form class="ws-form" onSubmit={submit} noValidate data-testid="user-workspaces-form">
      <WorkspaceChecks workspaces={workspaces} selected={wsIds} onChange={setWsIds} legend={`Workspaces ${name} can use`} />
      <FormActions testId="user-workspaces" error={action.error} busy={action.busy} submitLabel="Save" onCancel={onCancel} />
    </form>
  );
}

export function ResetPasswordForm({ user, name, onCancel, onDone }: FormProps) {
  const [newPassword, setNewPassword] = useState('');
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!newPassword) return action.setError('Type the new password.');
    const r = await action.run(() => api.users.resetPassword(user.id, newPassword));
    if (r.ok) {
      setNewPassword('');
      onDone(`New password set for ${name}. Tell it to them in person.`);
    }
  };

  return (
    <form class="ws-form" onSubmit={submit} noValidate data-testid="user-password-form">
      <Field
        label={`New password for ${name}`}
        type="password"
        value={newPassword}
        onInput={setNewPassword}
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        testId="user-password-new"
      />
      <FormActions testId="user-password" error={action.error} busy={action.busy} submitLabel="Set password" onCancel={onCancel} />
    </form>
  );
}

export function EndSessionsConfirm({ user, name, onCancel, onDone }: FormProps) {
  const action = useAction();

  const endSessions = async () => {
    const r = await action.run(() => api.users.endSessions(user.id));
    if (r.ok) {
      const n = r.result?.ended ?? 0;
      onDone(n === 0 ? `${name} had no open sessions.` : `Ended ${n} session${n === 1 ? '' : 's'} of ${name}.`);
    }
  };

  return (
    <div class="ws-form" role="group" aria-label={`Confirm ending the sessions of ${name}`}>
      <p class="confirm-text">Sign {name} out everywhere? They can sign in again with their password.</p>
      <ErrorNote message={action.error} testId="user-sessions-error" />
      <div class="actions">
        <button type="button" class="btn primary small" onClick={endSessions} disabled={action.busy} data-testid="user-sessions-confirm" data-autofocus>
          End all sessions
        </button>
        <button type="button" class="btn small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function DeleteUserConfirm({ user, name, onCancel, onDeleted }: FormProps & { onDeleted: (notice: string) => void }) {
  const action = useAction();

  const remove = async () => {
    const r = await action.run(() => api.users.remove(user.id));
    if (r.ok) {
      const { threadsRemoved = 0, workspacesTransferredToOwner = 0 } = r.result ?? {};
      onDeleted(
        `Deleted ${name}. ${threadsRemoved} chat${threadsRemoved === 1 ? '' : 's'} removed; ` +
          `${workspacesTransferredToOwner} workspace${workspacesTransferredToOwner === 1 ? '' : 's'} passed to the owner.`,
      );
    }
  };

  return (
    <div class="ws-form" role="group" aria-label={`Confirm deleting ${name}`} data-testid="user-delete-confirm">
      <p class="confirm-text">Delete {name} for good? This cannot be undone.</p>
      <ul class="plain-list">
        <li>They are signed out everywhere and can no longer sign in.</li>
        <li>Their workspace memberships and memories go.</li>
        <li>Their own chats are removed.</li>
        <li>Workspaces they created stay, and pass to the owner.</li>
      </ul>
      <p class="hint">To keep their chats, suspend the account instead.</p>
      <ErrorNote message={action.error} testId="user-delete-error" />
      <div class="actions">
        <button type="button" class="btn danger small" onClick={remove} disabled={action.busy} data-testid="user-delete-confirm-button">
          Delete {name}
        </button>
        <button type="button" class="btn small" onClick={onCancel} data-autofocus>
          Cancel
        </button>
      </div>
    </div>
  );
}
