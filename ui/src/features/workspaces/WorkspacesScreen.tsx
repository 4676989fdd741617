import { useRef } from 'preact/hooks';
import { api, type Workspace } from '../../api';
import { Loading } from '../../components/Loading';
import { ErrorNote } from '../../components/Notice';
import { canManageWorkspaces, isAdmin, isMulti } from '../../lib/access';
import type { Session } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { CreateWorkspace } from './CreateWorkspace';
import { WorkspaceRow } from './WorkspaceRow';
import './workspaces.css';
import { useFlash } from '../../lib/useFlash';

/** `/`: the workspaces this person can use; admins and managers create and edit them. */
export function WorkspacesScreen({ session }: { session: Session }) {
  const manage = canManageWorkspaces(session.me);
  const members = manage && isMulti(session.status);
  const list = useResource(async (signal) => (await api.workspaces.list({ signal })).items, []);
  const [notice, setNotice] = useFlash<string>();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const items = list.data;

  const onCreated = (ws: Workspace) => {
    list.setData((prev) => [...(prev ?? []).filter((w) => w.id !== ws.id), ws]);
    setNotice(`Created “${ws.name}”.`);
  };
  const onUpdated = (oldSlug: string, ws: Workspace) => {
    list.setData((prev) => (prev ?? []).map((w) => (w.slug === oldSlug ? ws : w)));
  };
  const onDeleted = (ws: Workspace) => {
    list.setData((prev) => (prev ?? []).filter((w) => w.slug !== ws.slug));
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

      {list.error && (
        <div class="stack">
          <ErrorNote message={list.error.message} testId="workspaces-error" />
          <button type="button" class="btn" onClick={list.reload}>
            Try again
          </button>
        </div>
      )}
      {!list.error && items === null && <Loading>Loading workspaces…</Loading>}
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
              admin={isAdmin(session.me)}
              onUpdated={onUpdated}
              onDeleted={onDeleted}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
