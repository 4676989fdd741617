import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Role, type User, type Workspace } from '../../api';
import { Field, Select } from '../../components/Field';
import { ErrorNote } from '../../components/Notice';
import { roleLabel } from '../../lib/access';
import { errorMessage } from '../../lib/errors';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';
import { assignableRoles, LIMIT_HINT, LIMIT_INVALID, parseLimit, PASSWORD_HINT, USERNAME_HINT } from './rules';
import { WorkspaceChecks } from './WorkspaceChecks';

/** "+ New user", opening the form for a new account (and its workspaces, for default users). */
export function CreateUser({
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
  const newRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  // Into the form when it opens; back on "+ New user" when it closes.
  useEffect(() => {
    if (open) formRef.current?.querySelector('input')?.focus();
    else if (wasOpen.current) newRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const cancel = () => {
    action.setError(null);
    setOpen(false);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const name = username.trim().toLowerCase();
    if (!name) return action.setError('Type a username for the new account.');
    if (!password) return action.setError('Give the new account a password.');
    const lim = parseLimit(limit);
    if (lim === 'invalid') return action.setError(LIMIT_INVALID);
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
        <button ref={newRef} type="button" class="btn primary" onClick={() => setOpen(true)} data-testid="new-user">
          + New user
        </button>
      </div>
    );
  }

  return (
    <form
      ref={formRef}
      class="card create-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          cancel();
        }
      }}
      noValidate
      data-testid="create-user-form"
    >
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
        <button type="button" class="btn" onClick={cancel} data-testid="create-user-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
