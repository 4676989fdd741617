import { useEffect, useRef, useState } from 'preact/hooks';
import type { User, Workspace } from '../../api';
import { Avatar } from '../../components/Avatar';
import { SuccessNote } from '../../components/Notice';
import { roleLabel } from '../../lib/access';
import { formatDateTime } from '../../lib/format';
import { useFlash } from '../../lib/useFlash';
import type { Session } from '../../lib/session';
import { DeleteUserConfirm, EditUserForm, EndSessionsConfirm, ResetPasswordForm, UserWorkspacesForm } from './UserForms';
import { mayActOn } from './rules';

type RowMode = 'view' | 'edit' | 'workspaces' | 'password' | 'sessions' | 'delete';

/** The button each mode's form returns the focus to when it closes. */
const OPENER: Record<Exclude<RowMode, 'view'>, string> = {
  edit: 'user-edit',
  workspaces: 'user-workspaces-edit',
  password: 'user-reset-password',
  sessions: 'user-end-sessions',
  delete: 'user-delete',
};

/** One account: who it is, what it may do, and its edit forms opening in place. */
export function UserRow({
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
  const [done, setDone] = useFlash<string>();
  const rowRef = useRef<HTMLLIElement>(null);

  const self = user.id === me.id;
  const mayAct = mayActOn(me, user);
  const name = user.username ?? user.displayName;

  const open = (m: RowMode) => {
    setDone(null);
    setMode(m);
  };
  /** Back to the row, the focus on the button that opened the form (else the first one). */
  const backToRow = (from: RowMode) => {
    setMode('view');
    window.setTimeout(() => {
      const row = rowRef.current;
      const opener = from === 'view' ? null : row?.querySelector<HTMLElement>(`[data-testid="${OPENER[from]}"]`);
      (opener ?? row?.querySelector<HTMLElement>('.ws-actions button'))?.focus();
    }, 0);
  };
  const close = () => backToRow(mode);
  /** A form succeeded: say so under the row (for a few seconds). */
  const finished = (text: string, changed?: User) => {
    if (changed) onChanged(changed);
    setDone(text);
    backToRow(mode);
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

  const wsNames = workspaces.filter((w) => (user.workspaceIds ?? []).includes(w.id)).map((w) => w.name);
  const headingId = `user-${user.id}-name`;
  const formProps = { session, user, name, onCancel: close, onDone: finished };

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
            <span data-testid="user-last-login">
              {user.lastLoginAt
                ? `Last sign-in ${formatDateTime(user.lastLoginAt)}`
                : self
                  ? 'Signed in now'
                  : 'Never signed in'}
            </span>
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

      {mode === 'edit' && <EditUserForm {...formProps} />}
      {mode === 'workspaces' && <UserWorkspacesForm {...formProps} workspaces={workspaces} />}
      {mode === 'password' && <ResetPasswordForm {...formProps} />}
      {mode === 'sessions' && <EndSessionsConfirm {...formProps} />}
      {mode === 'delete' && <DeleteUserConfirm {...formProps} onDeleted={onDeleted} />}
    </li>
  );
}
