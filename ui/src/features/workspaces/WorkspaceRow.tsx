import { useEffect, useRef, useState } from 'preact/hooks';
import type { Timestamp, Workspace } from '../../api';
import { formatDate, toDate } from '../../lib/format';
import { linkClick } from '../../lib/router';
import { MembersForm } from './MembersForm';
import { ModelSettingsForm } from './ModelSettingsForm';
import { ConfirmDeleteWorkspace, EditPromptForm, RenameWorkspaceForm } from './WorkspaceForms';

type RowMode = 'view' | 'rename' | 'prompt' | 'model' | 'members' | 'confirm-delete';

/** The button each mode's form returns the focus to when it closes. */
const OPENER: Record<Exclude<RowMode, 'view'>, string> = {
  rename: 'rename-workspace',
  prompt: 'edit-prompt',
  model: 'edit-model',
  members: 'workspace-members',
  'confirm-delete': 'delete-workspace',
};

/** One workspace in the list, with its edit forms opening in place. */
export function WorkspaceRow({
  ws,
  manage,
  members,
  admin,
  onUpdated,
  onDeleted,
}: {
  ws: Workspace;
  /** May rename, edit and delete (admin, manager). */
  manage: boolean;
  /** May edit the member list (admin, manager in multi-user mode). */
  members: boolean;
  /** An admin (provider names label the models). */
  admin: boolean;
  onUpdated: (oldSlug: string, ws: Workspace) => void;
  onDeleted: (ws: Workspace) => void;
}) {
  const [mode, setMode] = useState<RowMode>('view');
  const rowRef = useRef<HTMLLIElement>(null);

  const close = () => {
    if (mode === 'view') return;
    const focus = OPENER[mode];
    setMode('view');
    window.setTimeout(() => rowRef.current?.querySelector<HTMLElement>(`[data-testid="${focus}"]`)?.focus(), 0);
  };
  const saved = (updated: Workspace) => {
    onUpdated(ws.slug, updated);
    close();
  };

  // Focus the first control of an opened form (keyboard users land where they work).
  useEffect(() => {
    if (mode === 'view') return;
    const el = rowRef.current?.querySelector<HTMLElement>('input, textarea, select, [data-autofocus]');
    el?.focus();
    if (el instanceof HTMLInputElement) el.select();
  }, [mode]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && mode !== 'view') {
      e.preventDefault();
      close();
    }
  };

  const headingId = `ws-${ws.id}-name`;
  return (
    <li
      ref={rowRef}
      class={`ws-item${mode === 'confirm-delete' ? ' danger-zone' : ''}`}
      data-testid="workspace-item"
      data-slug={ws.slug}
      aria-labelledby={headingId}
      onKeyDown={onKeyDown}
    >
      <div class="ws-main">
        <h3 id={headingId} class="ws-name" data-testid="workspace-name">
          <a href={`/workspaces/${encodeURIComponent(ws.slug)}`} onClick={linkClick} class="ws-link">
            {ws.name}
          </a>
        </h3>
        <p class="ws-meta">
          <span class="mono">/{ws.slug}</span>
          {ws.updatedAt != null && toDate(ws.updatedAt) && (
            <>
              {' · '}
              <Updated value={ws.updatedAt} />
            </>
          )}
        </p>
        {mode !== 'prompt' &&
          (ws.systemPrompt ? (
            <p class="ws-prompt" title={ws.systemPrompt}>
              {ws.systemPrompt}
            </p>
          ) : (
            <p class="ws-prompt muted">No system prompt.</p>
          ))}
      </div>

      {mode === 'view' && manage && (
        <div class="ws-actions">
          {members && (
            <button type="button" class="btn small" onClick={() => setMode('members')} data-testid="workspace-members" aria-label={`Members of ${ws.name}`}>
              Members
            </button>
          )}
          <button type="button" class="btn small" onClick={() => setMode('rename')} data-testid="rename-workspace" aria-label={`Rename ${ws.name}`}>
            Rename
          </button>
          <button type="button" class="btn small" onClick={() => setMode('prompt')} data-testid="edit-prompt" aria-label={`Edit the system prompt of ${ws.name}`}>
            Edit prompt
          </button>
          <button type="button" class="btn small" onClick={() => setMode('model')} data-testid="edit-model" aria-label={`Model settings of ${ws.name}`}>
            Model
          </button>
          <button type="button" class="btn small danger-outline" onClick={() => setMode('confirm-delete')} data-testid="delete-workspace" aria-label={`Delete ${ws.name}`}>
            Delete
          </button>
        </div>
      )}

      {mode === 'rename' && <RenameWorkspaceForm ws={ws} onSaved={saved} onCancel={close} />}
      {mode === 'prompt' && <EditPromptForm ws={ws} onSaved={saved} onCancel={close} />}
      {mode === 'model' && <ModelSettingsForm ws={ws} admin={admin} onSaved={saved} onCancel={close} />}
      {mode === 'members' && <MembersForm ws={ws} onClose={close} />}
      {mode === 'confirm-delete' && <ConfirmDeleteWorkspace ws={ws} onDeleted={() => onDeleted(ws)} onCancel={close} />}
    </li>
  );
}

function Updated({ value }: { value: Timestamp }) {
  const d = toDate(value);
  if (!d) return null;
  return (
    <time dateTime={d.toISOString()} title={d.toLocaleString()}>
      Updated {formatDate(d)}
    </time>
  );
}
