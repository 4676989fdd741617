import { useEffect, useState } from 'preact/hooks';
import { api, type Thread } from '../../api';
import { Loading } from '../../components/Loading';
import { ErrorNote } from '../../components/Notice';
import { canManageWorkspaces, isMulti } from '../../lib/access';
import { linkClick } from '../../lib/router';
import type { Session } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { CreateThreadForm } from './CreateThreadForm';
import { MembersForm } from './MembersForm';
import { ThreadRow } from './ThreadRow';
import './workspaces.css';

const NOT_A_MEMBER =
  'This workspace does not exist, or you have not been added to it. Ask an admin or a manager if you need it.';

/** One workspace: the signed-in person's own threads in it (W3) and, for managers, its members. */
export function WorkspaceScreen({ session, slug }: { session: Session; slug: string }) {
  const page = useResource(async (signal) => {
    const [ws, threads] = await Promise.all([api.workspaces.get(slug, { signal }), api.workspaces.threads(slug, { signal })]);
    return { ws, threads: threads.items };
  }, [slug]);
  const [showMembers, setShowMembers] = useState(false);
  const ws = page.data?.ws;

  useEffect(() => {
    if (ws) document.title = `${ws.name} · Hearth`;
  }, [ws?.name]);

  const setThreads = (update: (prev: Thread[]) => Thread[]) =>
    page.setData((prev) => (prev ? { ...prev, threads: update(prev.threads) } : prev!));

  if (page.error) {
    return (
      <section class="screen" aria-labelledby="ws-page-title">
        <div class="screen-head">
          <h1 id="ws-page-title">Workspace</h1>
        </div>
        <ErrorNote message={page.error.status === 404 ? NOT_A_MEMBER : page.error.message} testId="workspace-error" />
        <a href="/" onClick={linkClick}>
          ← All workspaces
        </a>
      </section>
    );
  }
  if (!page.data || !ws) {
    return (
      <section class="screen">
        <Loading>Loading…</Loading>
      </section>
    );
  }

  const { threads } = page.data;
  const members = canManageWorkspaces(session.me) && isMulti(session.status);
  return (
    <section class="screen" aria-labelledby="ws-page-title" data-testid="workspace-screen">
      <p class="breadcrumb">
        <a href="/" onClick={linkClick}>
          ← All workspaces
        </a>
      </p>
      <div class="screen-head">
        <h1 id="ws-page-title">{ws.name}</h1>
        {ws.systemPrompt ? <p class="muted ws-prompt">{ws.systemPrompt}</p> : null}
      </div>

      {members && (
        <div class="ws-item members-box">
          <div class="ws-main">
            <h2 class="ws-name">Members</h2>
            <p class="muted">Choose which default users can use this workspace.</p>
          </div>
          {!showMembers && (
            <div class="ws-actions">
              <button type="button" class="btn small" onClick={() => setShowMembers(true)} data-testid="workspace-members">
                Edit members
              </button>
            </div>
          )}
          {showMembers && <MembersForm ws={ws} onClose={() => setShowMembers(false)} />}
        </div>
      )}

      <CreateThreadForm slug={slug} onCreated={(t) => setThreads((prev) => [t, ...prev])} />

      <h2 class="list-heading">
        Your chats {threads.length > 0 && <span class="count">{threads.length}</span>}
      </h2>
      <p class="hint">Your chats here are yours alone; other people in this workspace have their own.</p>
      {threads.length === 0 ? (
        <div class="empty" data-testid="threads-empty">
          <p class="empty-title">No chats yet</p>
          <p class="muted">Start one above.</p>
        </div>
      ) : (
        <ul class="ws-list" data-testid="thread-list">
          {threads.map((t) => (
            <ThreadRow
              key={t.id}
              slug={ws.slug}
              thread={t}
              onChanged={(n) => setThreads((prev) => prev.map((x) => (x.id === n.id ? n : x)))}
              onDeleted={() => setThreads((prev) => prev.filter((x) => x.id !== t.id))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
