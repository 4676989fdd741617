import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, type Role, type User, type UserPatch, type Workspace } from '../api';
import { formatDateTime, isAdmin, roleLabel } from '../access';
import type { Session } from '../app';
import { Avatar } from '../components/Avatar';
import { Checkbox, Field, Select } from '../components/Field';
import { NotAllowed } from '../components/NotAllowed';
import { FormActions } from '../components/FormActions';
import { ErrorNote, SuccessNote } from '../components/Notice';
import { useAction } from '../components/useAction';

const PASSWORD_HINT = 'At least 8 characters. Tell it to them in person; they can change it in their settings.';
const USERNAME_HINT = 'Lowercase, 2–64 characters; start with a letter, then letters, digits, “.”, “_” or “-”.';
const LIMIT_HINT = 'Messages to the model per day (resets at 00:00 UTC). Leave empty for no limit.';

/** Roles the signed-in person may give: managers never create or promote an admin. */
function assignableRoles(me: Session['me']): { value: Role; label: string }[] {
  const roles: Role[] = isAdmin(me) ? ['default', 'manager', 'admin'] : ['default', 'manager'];
  return roles.map((r) => ({ value: r, label: roleLabel(r) }));
}

/** Whether the signed-in person may act on this account at all (managers: not on admins). */
const mayActOn = (me: Session['me'], u: User) => isAdmin(me) || u.role !== 'admin';

function parseLimit(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (!t) return null;
  if (!/^\d{1,9}$/.test(t)) return 'invalid';
  return Number(t);
}

export function UsersScreen({ session }: { session: Session }) {
  const [users, setUsers] = useState<User[] | null>(null);
  const [workspaces, setWorkspaces] = useState<Workspace[]>([]);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    setLoadError(null);
    try {
      const [u, w] = await Promise.all([api.users.list(), api.workspaces.list()]);
      setUsers(u.items);
      setWorkspaces(w.items);
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError(0, 'error', errorMessage(err)));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  if (loadError && loadError.status === 403) {
    return <NotAllowed title="Users" message={loadError.message} />;
  }

  const replace = (u: User) => setUsers((prev) => (prev ?? []).map((x) => (x.id === u.id ? u : x)));

  return (
    <section class="screen" aria-labelledby="users-title" data-testid="users-screen">
      <div class="screen-head">
        <h1 id="users-title">Users</h1>
        <p class="muted">Everyone who can sign in to this Hearth, what they may do and which workspaces they see.</p>
      </div>

      {notice && <SuccessNote testId="users-notice">{notice}</SuccessNote>}

      <CreateUser
        session={session}
        workspaces={workspaces}
        onCreated={(u, text) => {
          setUsers((prev) => [...(prev ?? []).filter((x) => x.id !== u.id), u]);
          setNotice(text);
        }}
      />

      <h2 ref={listHeading} tabIndex={-1} class="list-heading">
        People
        {users && <span class="count">{users.length}</span>}
      </h2>
      {loadError && (
        <div class="stack">
          <ErrorNote message={loadError.message} testId="users-error" />
          <button type="button" class="btn" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {!loadError && users === null && (
        <p class="muted" role="status">
          Loading people…
        </p>
      )}
      {users && (
        <ul class="ws-list" data-testid="user-list">
          {users.map((u) => (
            <UserRow
              key={u.id}
              session={session}
              user={u}
              workspaces={workspaces}
              onChanged={replace}
              onDeleted={(text) => {
                setUsers((prev) => (prev ?? []).filter((x) => x.id !== u.id));
                setNotice(text);
                listHeading.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function WorkspaceChecks({
  workspaces,
  selected,
  onChange,
  legend,
  testId,
}: {
  workspaces: Workspace[];
  selected: string[];
  onChange: (ids: string[]) => void;
  legend: string;
  testId?: string;
}) {
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected.filter((x) => x !== id), id] : selected.filter((x) => x !== id));
  return (
    <fieldset class="checks" data-testid={testId}>
      <legend>{legend}</legend>
      {workspaces.length === 0 ? (
        <p class="hint">No workspaces yet. Create them on the Workspaces page.</p>
      ) : (
        workspaces.map((w) => (
          <Checkbox
            key={w.id}
            label={w.name}
            checked={selected.includes(w.id)}
            onChange={(on) => toggle(w.id, on)}
            testId={`ws-check-${w.slug}`}
          />
        ))
      )}
    </fieldset>
  );
}

function CreateUser({
  session,
  workspaces,
  onCreated,
}: {
  session: Session;
  workspaces: Workspace[];
  onCreated: (u: User, notice: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('default');
  const [limit, setLimit] = useState('');
  const [wsIds, setWsIds] = useState<string[]>([]);
  const action = useAction();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (open) formRef.current?.querySelector('input')?.focus();
  }, [open]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const name = username.trim().toLowerCase();
    if (!name) return action.setError('Type a username for the new account.');
    if (!password) return action.setError('Give the new account a password.');
    const lim = parseLimit(limit);
    if (lim === 'invalid') return action.setError('The daily limit is a whole number, or empty for no limit.');
    const r = await action.run(async () => {
      let u = await api.users.create({
        username: name,
        password,
        role,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        dailyMessageLimit: lim,
      });
      if (wsIds.length > 0 && role === 'default') {
        try {
          u = await api.users.setWorkspaces(u.id, wsIds);
        } catch (err) {
          onCreated(u, `Created ${u.username}, but the workspaces were not saved: ${errorMessage(err)}`);
          return null;
        }
      }
      return u;
    });
    if (r.ok && r.result) {
      const u = r.result;
      const ws = workspaces.filter((w) => u.workspaceIds.includes(w.id)).map((w) => w.name);
      onCreated(
        u,
        `Created ${u.username} (${roleLabel(u.role)})${ws.length ? `, with access to ${ws.join(', ')}` : ''}. Give them the address and their password.`,
      );
    }
    if (r.ok) {
      setUsername('');
      setDisplayName('');
      setPassword('');
      setRole('default');
      setLimit('');
      setWsIds([]);
      setOpen(false);
    }
  };

  if (!open) {
    return (
      <div class="create-form">
        <button type="button" class="btn primary" onClick={() => setOpen(true)} data-testid="new-user">
          + New user
        </button>
      </div>
    );
  }

  return (
    <form ref={formRef} class="card create-form" onSubmit={submit} noValidate data-testid="create-user-form">
      <h2>New user</h2>
      <div class="field-row">
        <Field label="Username" value={username} onInput={setUsername} maxLength={64} hint={USERNAME_HINT} required testId="create-user-username" />
        <Field label="Display name (optional)" value={displayName} onInput={setDisplayName} maxLength={100} testId="create-user-display-name" />
      </div>
      <Field
        label="Password"
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        required
        testId="create-user-password"
      />
      <div class="field-row">
        <Select
          label="Role"
          value={role}
          onChange={setRole}
          options={assignableRoles(session.me)}
          hint="Default: chats in the workspaces you choose. Manager: manages workspaces and users."
          testId="create-user-role"
        />
        <Field label="Daily message limit" value={limit} onInput={setLimit} inputMode="numeric" maxLength={9} hint={LIMIT_HINT} testId="create-user-limit" />
      </div>
      {role === 'default' ? (
        <WorkspaceChecks workspaces={workspaces} selected={wsIds} onChange={setWsIds} legend="Workspaces they can use" testId="create-user-workspaces" />
      ) : (
        <p class="hint">Admins and managers see every workspace.</p>
      )}
      <ErrorNote message={action.error} testId="create-user-error" />
      <div class="actions">
        <button type="submit" class="btn primary" disabled={action.busy} data-testid="create-user-submit">
          Create user
        </button>
        <button type="button" class="btn" onClick={() => { action.setError(null); setOpen(false); }} data-testid="create-user-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}

type RowMode = 'view' | 'edit' | 'workspaces' | 'password' | 'sessions' | 'delete';

function UserRow({
  session,
  user,
  workspaces,
  onChanged,
  onDeleted,
}: {
  session: Session;
  user: User;
  workspaces: Workspace[];
  onChanged: (u: User) => void;
  onDeleted: (notice: string) => void;
}) {
  const me = session.me;
  const [mode, setMode] = useState<RowMode>('view');
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [limit, setLimit] = useState(user.dailyMessageLimit == null ? '' : String(user.dailyMessageLimit));
  const [suspended, setSuspended] = useState(user.suspended);
  const [wsIds, setWsIds] = useState<string[]>(user.workspaceIds ?? []);
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const rowRef = useRef<HTMLLIElement>(null);

  const self = user.id === me.id;
  const mayAct = mayActOn(me, user);
  const name = user.username ?? user.displayName;

  const open = (m: RowMode) => {
    action.setError(null);
    setDone(null);
    setDisplayName(user.displayName);
    setRole(user.role);
    setLimit(user.dailyMessageLimit == null ? '' : String(user.dailyMessageLimit));
    setSuspended(user.suspended);
    setWsIds(user.workspaceIds ?? []);
    setNewPassword('');
    setMode(m);
  };
  const close = () => {
    setMode('view');
    action.setError(null);
    window.setTimeout(() => rowRef.current?.querySelector<HTMLElement>('.ws-actions button')?.focus(), 0);
  };

  useEffect(() => {
    if (mode === 'view') return;
    rowRef.current?.querySelector<HTMLElement>('.ws-form input, .ws-form select, [data-autofocus]')?.focus();
  }, [mode]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && mode !== 'view') {
      e.preventDefault();
      close();
    }
  };

  const saveEdit = async (e: Event) => {
    e.preventDefault();
    const lim = parseLimit(limit);
    if (lim === 'invalid') return action.setError('The daily limit is a whole number, or empty for no limit.');
    const patch: UserPatch = {};
    if (displayName.trim() !== user.displayName) patch.displayName = displayName.trim();
    if (role !== user.role) patch.role = role;
    if (lim !== user.dailyMessageLimit) patch.dailyMessageLimit = lim;
    if (suspended !== user.suspended) patch.suspended = suspended;
    if (Object.keys(patch).length === 0) return close();
    const r = await action.run(() => api.users.update(user.id, patch));
    if (r.ok) {
      onChanged(r.result);
      setDone(`Saved ${name}.${patch.suspended ? ' Their sessions have ended.' : ''}`);
      setMode('view');
    }
  };

  const saveWorkspaces = async (e: Event) => {
    e.preventDefault();
    const r = await action.run(() => api.users.setWorkspaces(user.id, wsIds));
    if (r.ok) {
      onChanged(r.result);
      setDone(`Saved the workspaces of ${name}.`);
      setMode('view');
    }
  };

  const resetPassword = async (e: Event) => {
    e.preventDefault();
    if (!newPassword) return action.setError('Type the new password.');
    const r = await action.run(() => api.users.resetPassword(user.id, newPassword));
    if (r.ok) {
      setNewPassword('');
      setDone(`New password set for ${name}. Tell it to them in person.`);
      setMode('view');
    }
  };

  const endSessions = async () => {
    const r = await action.run(() => api.users.endSessions(user.id));
    if (r.ok) {
      const n = r.result?.ended ?? 0;
      setDone(n === 0 ? `${name} had no open sessions.` : `Ended ${n} session${n === 1 ? '' : 's'} of ${name}.`);
      setMode('view');
    }
  };

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

  const wsNames = workspaces.filter((w) => (user.workspaceIds ?? []).includes(w.id)).map((w) => w.name);
  const headingId = `user-${user.id}-name`;
  const roleOptions = assignableRoles(me);
  if (!roleOptions.some((o) => o.value === user.role)) roleOptions.push({ value: user.role, label: roleLabel(user.role) });

  return (
    <li
      ref={rowRef}
      class={`ws-item user-item${mode === 'delete' ? ' danger-zone' : ''}`}
      data-testid="user-item"
      data-username={user.username ?? ''}
      aria-labelledby={headingId}
      onKeyDown={onKeyDown}
    >
      <div class="user-main">
        <Avatar userId={user.id} name={user.displayName || name || '?'} hasAvatar={user.hasAvatar} size="medium" />
        <div class="ws-main">
          <h3 id={headingId} class="ws-name">
            <span data-testid="user-display-name">{user.displayName || name}</span>{' '}
            <span class="mono muted user-username" data-testid="user-username">
              {user.username}
            </span>
          </h3>
          <p class="badges">
            <span class={`pill pill-role-${user.role}`} data-testid="user-role">
              {roleLabel(user.role)}
            </span>
            {user.isOwner && <span class="pill">Owner · host</span>}
            {self && <span class="pill">You</span>}
            {user.suspended && (
              <span class="pill pill-danger" data-testid="user-suspended">
                Suspended
              </span>
            )}
          </p>
          <p class="ws-meta">
            {user.dailyMessageLimit == null ? 'No daily limit' : `${user.dailyMessageLimit} messages a day`}
            {' · '}
            {user.lastLoginAt ? `Last sign-in ${formatDateTime(user.lastLoginAt)}` : 'Never signed in'}
          </p>
          <p class="ws-meta" data-testid="user-workspaces">
            {user.role === 'default'
              ? wsNames.length
                ? `Workspaces: ${wsNames.join(', ')}`
                : 'No workspaces yet'
              : 'Sees every workspace'}
          </p>
        </div>
      </div>

      {mode === 'view' && mayAct && (
        <div class="ws-actions">
          <button type="button" class="btn small" onClick={() => open('edit')} aria-label={`Edit ${name}`} data-testid="user-edit">
            Edit
          </button>
          {user.role === 'default' && (
            <button type="button" class="btn small" onClick={() => open('workspaces')} aria-label={`Workspaces of ${name}`} data-testid="user-workspaces-edit">
              Workspaces
            </button>
          )}
          {!self && (
            <button type="button" class="btn small" onClick={() => open('password')} aria-label={`Reset the password of ${name}`} data-testid="user-reset-password">
              Reset password
            </button>
          )}
          {!self && (
            <button type="button" class="btn small" onClick={() => open('sessions')} aria-label={`End the sessions of ${name}`} data-testid="user-end-sessions">
              End sessions
            </button>
          )}
          {!self && !user.isOwner && (
            <button type="button" class="btn small danger-outline" onClick={() => open('delete')} aria-label={`Delete ${name}`} data-testid="user-delete">
              Delete
            </button>
          )}
        </div>
      )}

      {mode === 'view' && done && (
        <div class="ws-form">
          <SuccessNote testId="user-done">{done}</SuccessNote>
        </div>
      )}

      {mode === 'edit' && (
        <form class="ws-form" onSubmit={saveEdit} noValidate data-testid="user-edit-form">
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
          <FormActions testId="user-edit" error={action.error} busy={action.busy} submitLabel="Save" onCancel={close} />
        </form>
      )}

      {mode === 'workspaces' && (
        <form class="ws-form" onSubmit={saveWorkspaces} noValidate data-testid="user-workspaces-form">
          <WorkspaceChecks workspaces={workspaces} selected={wsIds} onChange={setWsIds} legend={`Workspaces ${name} can use`} />
          <FormActions testId="user-workspaces" error={action.error} busy={action.busy} submitLabel="Save" onCancel={close} />
        </form>
      )}

      {mode === 'password' && (
        <form class="ws-form" onSubmit={resetPassword} noValidate data-testid="user-password-form">
          <Field
            label={`New password for ${name}`}
            type="password"
            value={newPassword}
            onInput={setNewPassword}
            autoComplete="new-password"
            hint={PASSWORD_HINT}
            testId="user-password-new"
          />
          <FormActions testId="user-password" error={action.error} busy={action.busy} submitLabel="Set password" onCancel={close} />
        </form>
      )}

      {mode === 'sessions' && (
        <div class="ws-form" role="group" aria-label={`Confirm ending the sessions of ${name}`}>
          <p class="confirm-text">Sign {name} out everywhere? They can sign in again with their password.</p>
          <ErrorNote message={action.error} testId="user-sessions-error" />
          <div class="actions">
            <button type="button" class="btn primary small" onClick={endSessions} disabled={action.busy} data-testid="user-sessions-confirm" data-autofocus>
              End all sessions
            </button>
            <button type="button" class="btn small" onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      )}

      {mode === 'delete' && (
        <div class="ws-form" role="group" aria-label={`Confirm deleting ${name}`} data-testid="user-delete-confirm">
          <p class="confirm-text">Delete {name} for good? This cannot be undone.</p>
          <ul class="plain-list">
            <li>They are signed out everywhere and can no longer sign in.</li>
            <li>Their API keys, invites and workspace memberships go.</li>
            <li>Their own chats are removed.</li>
            <li>Workspaces they created stay, and pass to the owner.</li>
          </ul>
          <p class="hint">To keep their chats, suspend the account instead.</p>
          <ErrorNote message={action.error} testId="user-delete-error" />
          <div class="actions">
            <button type="button" class="btn danger small" onClick={remove} disabled={action.busy} data-testid="user-delete-confirm-button">
              Delete {name}
            </button>
            <button type="button" class="btn small" onClick={close} data-autofocus>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
