import type { LoginUser } from '../../api';
import { Avatar } from '../../components/Avatar';
import { Loading } from '../../components/Loading';

/** The "list" login style: everyone who may sign in, as cards to pick from. */
export function UserPicker({ users, onPick }: { users: LoginUser[] | null; onPick: (u: LoginUser) => void }) {
  if (users === null) return <Loading center>Loading…</Loading>;
  if (users.length === 0) {
    return <p class="muted center">Nobody can sign in here yet. Ask the person who runs Hearth.</p>;
  }
  return (
    <>
      <p class="muted center">Who is signing in?</p>
      <ul class="user-cards" data-testid="login-user-list">
        {users.map((u) => (
          <li key={u.id}>
            <button
              type="button"
              class="user-card"
              onClick={() => onPick(u)}
              data-testid="login-user"
              data-username={u.username}
            >
              <Avatar userId={u.id} name={u.displayName || u.username} hasAvatar={u.hasAvatar} size="large" />
              <span class="user-card-name">{u.displayName || u.username}</span>
              {u.displayName && u.displayName !== u.username && (
                <span class="user-card-username mono">{u.username}</span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
