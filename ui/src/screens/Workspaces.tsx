import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage, type Member, type Timestamp, type User, type Workspace } from '../api';
import { canManageWorkspaces, isMulti, roleLabel } from '../access';
import type { Session } from '../app';
import { Checkbox, Field, TextArea } from '../components/Field';
import { ErrorNote, SuccessNote } from '../components/Notice';
import { useAction } from '../components/useAction';
import { linkClick } from '../router';

const NAME_MAX = 100;
const PROMPT_MAX = 20_000;

export function WorkspacesScreen({ session }: { session: Session }) {
  const manage = canManageWorkspaces(session.me);
  const members = manage && isMulti(session.status);
  const [items, setItems] = useState<Workspace[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    setLoadError(null);
    try {
      const page = await api.workspaces.list();
      setItems(page.items);
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  };

  useEffect(() => {
    void load();
  }, []);

  const onCreated = (ws: Workspace) => {
    setItems((prev) => [...(prev ?? []).filter((w) => w.id !== ws.id), ws]);
    setNotice(`Created “${ws.name}”.`);
  };
  const onUpdated = (oldSlug: string, ws: Workspace) => {
    setItems((prev) => (prev ?? []).map((w) => (w.slug === oldSlug ? ws : w)));
  };
  const onDeleted = (ws: Workspace) => {
    setItems((prev) => (prev ?? []).filter((w) => w.slug !== ws.slug));
    setNotice(`Deleted “${ws.name}”.`);
    listHeading.current?.focus();
  };

  return (
    <section class="screen" aria-labelledby="ws-title">
      <div class="screen-head">
        <h1 id="ws-title">Workspaces</h1>
        <p class="muted">Each workspace keeps its own chats, documents and system prompt.</p>
      </div>

      {manage && <CreateWorkspace onCreated={onCreated} />}

      <h2 ref={listHeading} tabIndex={-1} class="list-heading">
        Your workspaces
        {items && items.length > 0 && <span class="count">{items.length}</span>}
      </h2>
      <div aria-live="polite">{notice && <p class="sr-only">{notice}</p>}</div>

      {loadError && (
        <div class="stack">
          <ErrorNote message={loadError} testId="workspaces-error" />
          <button type="button" class="btn" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {!loadError && items === null && (
        <p class="muted" role="status">
          Loading workspaces…
        </p>
      )}
      {items && items.length === 0 && (
        <div class="empty" data-testid="workspaces-empty">
          <p class="empty-title">No workspaces yet</p>
          <p class="muted">
            {manage
              ? 'Create your first one above: give it a name, and optionally a system prompt.'
              : 'Nobody has added you to a workspace yet. Ask an admin or a manager of this Hearth.'}
          </p>
        </div>
      )}
      {items && items.length > 0 && (
        <ul class="ws-list" data-testid="workspace-list">
          {items.map((ws) => (
            <WorkspaceRow
              key={ws.id}
              ws={ws}
              manage={manage}
              members={members}
              onUpdated={onUpdated}
              onDeleted={onDeleted}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateWorkspace({ onCreated }: { onCreated: (ws: Workspace) => void }) {
  const [name, setName] = useState('');
  const [prompt, setPrompt] = useState('');
  const [showPrompt, setShowPrompt] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction();
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setCreated(null);
    if (!name.trim()) {
      action.setError('Give the workspace a name, then press Create workspace.');
      formRef.current?.querySelector('input')?.focus();
      return;
    }
    const body: { name: string; systemPrompt?: string } = { name: name.trim() };
    if (prompt.trim()) body.systemPrompt = prompt;
    const r = await action.run(() => api.workspaces.create(body));
    if (r.ok) {
      onCreated(r.result);
      setCreated(r.result.name);
      setName('');
      setPrompt('');
      setShowPrompt(false);
    } else {
      formRef.current?.querySelector('input')?.focus();
    }
  };

  return (
    <form ref={formRef} class="card create-form" onSubmit={submit} noValidate data-testid="create-workspace-form">
      <h2>New workspace</h2>
      <Field
        label="Name"
        value={name}
        onInput={setName}
        maxLength={NAME_MAX}
        required
        invalid={!!action.error}
        errorId={action.error ? 'create-ws-error' : undefined}
        testId="create-workspace-name"
      />
      {showPrompt ? (
        <TextArea
          label="System prompt (optional)"
          value={prompt}
          onInput={setPrompt}
          rows={4}
          maxLength={PROMPT_MAX}
          hint="Instructions the assistant follows in every chat of this workspace."
          testId="create-workspace-prompt"
        />
      ) : (
        <button
          type="button"
          class="btn link"
          onClick={() => setShowPrompt(true)}
          data-testid="add-system-prompt"
        >
          + Add a system prompt
        </button>
      )}
      <ErrorNote message={action.error} id="create-ws-error" testId="create-workspace-error" />
      {created && !action.error && <SuccessNote testId="create-workspace-success">Created “{created}”.</SuccessNote>}
      <div class="actions">
        <button type="submit" class="btn primary" disabled={action.busy} data-testid="create-workspace-submit">
          Create workspace
        </button>
      </div>
    </form>
  );
}

type RowMode = 'view' | 'rename' | 'prompt' | 'members' | 'confirm-delete';

function WorkspaceRow({
  ws,
  manage,
  members,
  onUpdated,
  onDeleted,
}: {
  ws: Workspace;
  /** May rename, edit and delete (admin, manager). */
  manage: boolean;
  /** May edit the member list (admin, manager in multi-user mode). */
  members: boolean;
  onUpdated: (oldSlug: string, ws: Workspace) => void;
  onDeleted: (ws: Workspace) => void;
}) {
  const [mode, setMode] = useState<RowMode>('view');
  const [name, setName] = useState(ws.name);
  const [prompt, setPrompt] = useState(ws.systemPrompt ?? '');
  const action = useAction();
  const rowRef = useRef<HTMLLIElement>(null);

  const open = (m: RowMode) => {
    action.setError(null);
    setName(ws.name);
    setPrompt(ws.systemPrompt ?? '');
    setMode(m);
  };
  const close = (focus: string) => {
    setMode('view');
    action.setError(null);
    window.setTimeout(() => rowRef.current?.querySelector<HTMLElement>(`[data-testid="${focus}"]`)?.focus(), 0);
  };

  // Focus the first control of an opened form (keyboard users land where they work).
  useEffect(() => {
    if (mode === 'view') return;
    const el = rowRef.current?.querySelector<HTMLElement>('input, textarea, [data-autofocus]');
    el?.focus();
    if (el instanceof HTMLInputElement) el.select();
  }, [mode]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && mode !== 'view') {
      e.preventDefault();
      close(
        mode === 'confirm-delete'
          ? 'delete-workspace'
          : mode === 'prompt'
            ? 'edit-prompt'
            : mode === 'members'
              ? 'workspace-members'
              : 'rename-workspace',
      );
    }
  };

  const saveName = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) {
      action.setError('A workspace needs a name. Type one, or press Cancel.');
      return;
    }
    if (name.trim() === ws.name) {
      close('rename-workspace');
      return;
    }
    const r = await action.run(() => api.workspaces.update(ws.slug, { name: name.trim() }));
    if (r.ok) {
      onUpdated(ws.slug, r.result);
      close('rename-workspace');
    }
  };

  const savePrompt = async (e: Event) => {
    e.preventDefault();
    const r = await action.run(() => api.workspaces.update(ws.slug, { systemPrompt: prompt }));
    if (r.ok) {
      onUpdated(ws.slug, r.result);
      close('edit-prompt');
    }
  };

  const remove = async () => {
    const r = await action.run(() => api.workspaces.remove(ws.slug));
    if (r.ok) onDeleted(ws);
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
            <button type="button" class="btn small" onClick={() => open('members')} data-testid="workspace-members" aria-label={`Members of ${ws.name}`}>
              Members
            </button>
          )}
          <button type="button" class="btn small" onClick={() => open('rename')} data-testid="rename-workspace" aria-label={`Rename ${ws.name}`}>
            Rename
          </button>
          <button type="button" class="btn small" onClick={() => open('prompt')} data-testid="edit-prompt" aria-label={`Edit the system prompt of ${ws.name}`}>
            Edit prompt
          </button>
          <button type="button" class="btn small danger-outline" onClick={() => open('confirm-delete')} data-testid="delete-workspace" aria-label={`Delete ${ws.name}`}>
            Delete
          </button>
        </div>
      )}

      {mode === 'rename' && (
        <form class="ws-form" onSubmit={saveName} noValidate data-testid="rename-form">
          <Field
            label={`New name for “${ws.name}”`}
            value={name}
            onInput={setName}
            maxLength={NAME_MAX}
            required
            invalid={!!action.error}
            testId="rename-input"
          />
          <ErrorNote message={action.error} testId="rename-error" />
          <div class="actions">
            <button type="submit" class="btn primary small" disabled={action.busy} data-testid="rename-save">
              Save
            </button>
            <button type="button" class="btn small" onClick={() => close('rename-workspace')} data-testid="rename-cancel">
              Cancel
            </button>
          </div>
        </form>
      )}

      {mode === 'prompt' && (
        <form class="ws-form" onSubmit={savePrompt} noValidate data-testid="prompt-form">
          <TextArea
            label={`System prompt of “${ws.name}”`}
            value={prompt}
            onInput={setPrompt}
            rows={5}
            maxLength={PROMPT_MAX}
            hint="Leave it empty for no system prompt."
            testId="prompt-input"
          />
          <ErrorNote message={action.error} testId="prompt-error" />
          <div class="actions">
            <button type="submit" class="btn primary small" disabled={action.busy} data-testid="prompt-save">
              Save
            </button>
            <button type="button" class="btn small" onClick={() => close('edit-prompt')} data-testid="prompt-cancel">
              Cancel
            </button>
          </div>
        </form>
      )}

      {mode === 'members' && <MembersForm ws={ws} onClose={() => close('workspace-members')} />}

      {mode === 'confirm-delete' && (
        <div class="ws-form" role="group" aria-label={`Confirm deleting ${ws.name}`} data-testid="confirm-delete">
          <p class="confirm-text">
            Delete “{ws.name}” for good? Its chats and documents go with it. This cannot be undone.
          </p>
          <ErrorNote message={action.error} testId="delete-error" />
          <div class="actions">
            <button type="button" class="btn danger small" onClick={remove} disabled={action.busy} data-testid="confirm-delete-button">
              Delete
            </button>
            <button type="button" class="btn small" onClick={() => close('delete-workspace')} data-testid="cancel-delete" data-autofocus>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/** Who may use a workspace (W2): default users are checked in or out; the rest see all. */
export function MembersForm({ ws, onClose }: { ws: Workspace; onClose: () => void }) {
  const [users, setUsers] = useState<User[] | null>(null);
  const [current, setCurrent] = useState<Member[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const load = useAction();
  const save = useAction();

  useEffect(() => {
    void load.run(async () => {
      const [u, m] = await Promise.all([api.users.list(), api.workspaces.members(ws.slug)]);
      setUsers(u.items);
      setCurrent(m.items);
      setSelected(m.items.map((x) => x.id));
    });
  }, [ws.slug]);

  const candidates = (users ?? []).filter((u) => u.role === 'default');
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const r = await save.run(() => api.workspaces.setMembers(ws.slug, selected));
    if (r.ok) {
      setCurrent(r.result.items);
      setSelected(r.result.items.map((x) => x.id));
      setSaved(true);
    }
  };
  const toggle = (id: string, on: boolean) => {
    setSaved(false);
    setSelected((prev) => (on ? [...prev.filter((x) => x !== id), id] : prev.filter((x) => x !== id)));
  };

  return (
    <form class="ws-form" onSubmit={submit} noValidate data-testid="members-form">
      <fieldset class="checks">
        <legend>Who can use “{ws.name}”</legend>
        {users === null && !load.error && (
          <p class="muted" role="status">
            Loading people…
          </p>
        )}
        {users !== null && candidates.length === 0 && (
          <p class="hint">There are no default users yet. Add people on the Users page.</p>
        )}
        {candidates.map((u) => (
          <Checkbox
            key={u.id}
            label={
              <>
                {u.displayName || u.username} <span class="mono muted">{u.username}</span>
                {u.suspended ? ' (suspended)' : ''}
              </>
            }
            checked={selected.includes(u.id)}
            onChange={(on) => toggle(u.id, on)}
            testId={`member-check-${u.username}`}
          />
        ))}
        {users !== null && (
          <p class="hint">
            Admins and managers see every workspace.
            {current.filter((m) => m.role !== 'default').length > 0 &&
              ` Also listed as members: ${current
                .filter((m) => m.role !== 'default')
                .map((m) => `${m.displayName || m.username} (${roleLabel(m.role)})`)
                .join(', ')}.`}
          </p>
        )}
      </fieldset>
      <ErrorNote message={load.error ?? save.error} testId="members-error" />
      {saved && !save.error && <SuccessNote testId="members-saved">Members saved.</SuccessNote>}
      <div class="actions">
        <button type="submit" class="btn primary small" disabled={save.busy || users === null} data-testid="members-save">
          Save members
        </button>
        <button type="button" class="btn small" onClick={onClose} data-testid="members-close">
          Close
        </button>
      </div>
    </form>
  );
}

function toDate(value: Timestamp): Date | null {
  // The engine sends Unix seconds; tolerate milliseconds and RFC 3339 strings too.
  const d =
    typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function Updated({ value }: { value: Timestamp }) {
  const d = toDate(value);
  if (!d) return null;
  return (
    <time dateTime={d.toISOString()} title={d.toLocaleString()}>
      Updated {d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}
    </time>
  );
}
