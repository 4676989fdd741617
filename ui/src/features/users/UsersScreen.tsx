import { useRef } from 'preact/hooks';
import { api, type User } from '../../api';
import { Loading } from '../../components/Loading';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import type { Session } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { CreateUser } from './CreateUser';
import { UserRow } from './UserRow';
import './users.css';
import { useFlash } from '../../lib/useFlash';

/** `/admin/users`: every account, what it may do and which workspaces it sees. */
export function UsersScreen({ session }: { session: Session }) {
  const data = useResource(async (signal) => {
    const [u, w] = await Promise.all([api.users.list({ signal }), api.workspaces.list({ signal })]);
    return { users: u.items, workspaces: w.items };
  }, []);
  const [notice, setNotice] = useFlash<string>(12_000);
  const listHeading = useRef<HTMLHeadingElement>(null);

  if (data.error && data.error.status === 403) {
    return <NotAllowed title="Users" message={data.error.message} />;
  }

  const users = data.data?.users ?? null;
  const workspaces = data.data?.workspaces ?? [];
  const setUsers = (update: (prev: User[]) => User[]) =>
    data.setData((prev) => ({ workspaces: prev?.workspaces ?? [], users: update(prev?.users ?? []) }));

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
          setUsers((prev) => [...prev.filter((x) => x.id !== u.id), u]);
          setNotice(text);
        }}
      />

      <h2 ref={listHeading} tabIndex={-1} class="list-heading">
        People
        {users && <span class="count">{users.length}</span>}
      </h2>
      {data.error && (
        <div class="stack">
          <ErrorNote message={data.error.message} testId="users-error" />
          <button type="button" class="btn" onClick={data.reload}>
            Try again
          </button>
        </div>
      )}
      {!data.error && users === null && <Loading>Loading people…</Loading>}
      {users && (
        <ul class="ws-list" data-testid="user-list">
          {users.map((u) => (
            <UserRow
              key={u.id}
              session={session}
              user={u}
              workspaces={workspaces}
              onChanged={(changed) => setUsers((prev) => prev.map((x) => (x.id === changed.id ? changed : x)))}
              onDeleted={(text) => {
                setUsers((prev) => prev.filter((x) => x.id !== u.id));
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
