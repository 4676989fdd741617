import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Thread } from '../../api';
import { Loading } from '../../components/Loading';
import { ErrorNote } from '../../components/Notice';
import { canManageWorkspaces, isAdmin, isMulti } from '../../lib/access';
import { linkClick, type WorkspaceTab } from '../../lib/router';
import type { Session } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { CreateThreadForm } from './CreateThreadForm';
import { MembersForm } from './MembersForm';
import { ThreadRow } from './ThreadRow';
import './workspaces.css';

const NOT_A_MEMBER =
  'This workspace does not exist, or you have not been added to it. Ask an admin or a manager if you need it.';
/** Admins and managers see every workspace: for them a missing one is gone, nobody to ask. */
const GONE =
  'This workspace does not exist: it may have been deleted, or renamed (its address changes with its name). Find it under All workspaces.';

/** One workspace: for managers, its members; then two tabs: the signed-in person's own
 * threads in it (W3), and its documents (A3: everyone reads and searches them; admins and
 * managers add and remove them). */
export function WorkspaceScreen({ session, slug, tab }: { session: Session; slug: string; tab: WorkspaceTab }) {
  const page = useResource(async (signal) => {
    const [ws, threads] = await Promise.all([api.workspaces.get(slug, { signal }), api.workspaces.threads(slug, { signal })]);
    return { ws, threads: threads.items };
  }, [slug]);
  const [showMembers, setShowMembers] = useState(false);
  const membersRef = useRef<HTMLDivElement>(null);
  const ws = page.data?.ws;

  // The members form takes the focus when it opens and gives it back to "Edit members".
  const opened = useRef(false);
  useEffect(() => {
    const box = membersRef.current;
    if (showMembers) {
      opened.current = true;
      box?.querySelector<HTMLElement>('.ws-form input, .ws-form button:not([disabled])')?.focus();
    } else if (opened.current) {
      box?.querySelector<HTMLElement>('[data-testid="workspace-members"]')?.focus();
    }
  }, [showMembers]);

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
        <ErrorNote
          message={page.error.status === 404 ? (canManageWorkspaces(session.me) ? GONE : NOT_A_MEMBER) : page.error.message}
          testId="workspace-error"
        />
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
  const manage = canManageWorkspaces(session.me);
  const members = manage && isMulti(session.status);
  const base = `/workspaces/${encodeURIComponent(ws.slug)}`;
  const tabs: { id: WorkspaceTab; href: string; label: string }[] = [
    { id: 'chats', href: base, label: 'Chats' },
    { id: 'documents', href: `${base}/documents`, label: 'Documents' },
  ];
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
        <div
          ref={membersRef}
          class="ws-item members-box"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && showMembers) {
              e.preventDefault();
              setShowMembers(false);
            }
          }}
        >
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

      <nav class="ws-tabs" aria-label={`${ws.name}: chats or documents`} data-testid="workspace-tabs">
        {tabs.map((t) => (
          <a
            key={t.id}
            href={t.href}
            onClick={linkClick}
            aria-current={t.id === tab ? 'page' : undefined}
            data-testid={`workspace-tab-${t.id}`}
          >
            {t.label}
          </a>
        ))}
      </nav>

      {tab === 'documents' ? (
        <DocumentsPanel slug={ws.slug} manage={manage} admin={isAdmin(session.me)} embedder={ws.embedder ?? null} />
      ) : (
        <ChatsTab slug={ws.slug} threads={threads} setThreads={setThreads} />
      )}
    </section>
  );
}

/** The Chats tab: "New chat" and the person's own chats in the workspace. */
function ChatsTab({
  slug,
  threads,
  setThreads,
}: {
  slug: string;
  threads: Thread[];
  setThreads: (update: (prev: Thread[]) => Thread[]) => void;
}) {
  return (
    <>
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
              slug={slug}
              thread={t}
              onChanged={(n) => setThreads((prev) => prev.map((x) => (x.id === n.id ? n : x)))}
              onDeleted={() => setThreads((prev) => prev.filter((x) => x.id !== t.id))}
            />
          ))}
        </ul>
      )}
    </>
  );
}
