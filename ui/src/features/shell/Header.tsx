import { api } from '../../api';
import { Avatar } from '../../components/Avatar';
import { Logo } from '../../components/Logo';
import { ErrorNote } from '../../components/Notice';
import { canManageUsers, canRunServer, canSeeChats, canSeeEvents, canSeeUsage, canShare, isMulti } from '../../lib/access';
import { linkClick, type Route } from '../../lib/router';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';
import { LockIcon } from './icons';
import { ThemeToggle } from './ThemeToggle';

/** The app frame's top bar: brand, the menus this person may use, theme, lock / sign out. */
export function Header({ session, route }: { session: Session; route: Route }) {
  // The password lock is a single-user thing; in multi-user mode people sign out instead.
  const lockEnabled = session.status.mode !== 'multi' && (session.status.lockEnabled || session.me.lockEnabled);
  const lock = useAction();

  const onLock = async () => {
    const r = await lock.run(() => api.auth.lock());
    if (r.ok) session.showLock();
  };
  const onSignOut = async () => {
    await lock.run(() => session.signOut());
  };

  const { status, me } = session;
  const multi = isMulti(status);
  const links: { href: string; label: string; active: boolean; testId: string }[] = [
    { href: '/', label: 'Workspaces', active: route.name === 'workspaces' || route.name === 'workspace' || route.name === 'thread', testId: 'nav-workspaces' },
  ];
  links.push({ href: '/queue', label: 'Queue', active: route.name === 'queue', testId: 'nav-queue' });
  if (canManageUsers(status, me)) {
    links.push({ href: '/admin/users', label: 'Users', active: route.name === 'users', testId: 'nav-users' });
  }
  if (canSeeChats(status, me)) {
    links.push({ href: '/admin/chats', label: 'Chat history', active: route.name === 'chats', testId: 'nav-chats' });
  }
  if (canSeeUsage(status, me)) {
    links.push({ href: '/admin/usage', label: 'Usage', active: route.name === 'usage', testId: 'nav-usage' });
  }
  if (multi && canSeeEvents(me)) {
    links.push({ href: '/admin/events', label: 'Event log', active: route.name === 'events', testId: 'nav-events' });
  }
  if (canShare(status, me)) {
    links.push({ href: '/share', label: 'Share', active: route.name === 'share', testId: 'nav-share' });
  }
  if (canRunServer(status, me)) {
    links.push({ href: '/server', label: 'Sharing', active: route.name === 'server', testId: 'nav-server' });
  }
  links.push({ href: '/settings/security', label: 'Settings', active: route.name === 'settings', testId: 'nav-settings' });

  return (
    <header class="header">
      <div class="header-inner">
        <a href="/" class="brand" onClick={linkClick} aria-label="Hearth, home">
          <Logo />
          <span>Hearth</span>
        </a>
        <nav class="nav" aria-label="Main">
          {links.map((l) => (
            <a
              key={l.href}
              href={l.href}
              onClick={linkClick}
              aria-current={l.active ? 'page' : undefined}
              data-testid={l.testId}
            >
              {l.label}
            </a>
          ))}
        </nav>
        <div class="header-actions">
          {multi && (
            <a
              href="/settings/profile"
              onClick={linkClick}
              class="user-chip"
              title={`Signed in as ${me.username ?? me.displayName}`}
              data-testid="user-chip"
            >
              <Avatar userId={me.id} name={me.displayName || me.username || '?'} hasAvatar={me.hasAvatar} size="small" />
              <span class="user-chip-name">{me.displayName || me.username}</span>
            </a>
          )}
          <ThemeToggle />
          {lockEnabled && (
            <button
              type="button"
              class="btn small"
              onClick={onLock}
              disabled={lock.busy}
              data-testid="lock-now"
            >
              <LockIcon />
              Lock now
            </button>
          )}
          {multi && (
            <button type="button" class="btn small" onClick={onSignOut} disabled={lock.busy} data-testid="sign-out">
              Sign out
            </button>
          )}
        </div>
      </div>
      {lock.error && (
        <div class="header-error">
          <ErrorNote message={lock.error} testId="lock-error" />
        </div>
      )}
    </header>
  );
}
