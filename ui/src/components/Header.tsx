import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { canManageUsers, canRunServer, canSeeEvents, canShare, isMulti } from '../access';
import type { Session } from '../app';
import { Avatar } from './Avatar';
import { linkClick, type Route } from '../router';
import { effectiveTheme, loadTheme, saveTheme } from '../theme';
import { ErrorNote } from './Notice';
import { useAction } from './useAction';

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
    { href: '/', label: 'Workspaces', active: route.name === 'workspaces' || route.name === 'workspace', testId: 'nav-workspaces' },
  ];
  if (canManageUsers(status, me)) {
    links.push({ href: '/admin/users', label: 'Users', active: route.name === 'users', testId: 'nav-users' });
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

function ThemeToggle() {
  const [choice, setChoice] = useState(loadTheme());
  // Bumped when the system theme changes, so "system" re-renders with the new effective theme.
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => {
      setChoice(loadTheme());
      setTick((t) => t + 1);
    };
    window.addEventListener('hearth:theme', update);
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', update);
    return () => {
      window.removeEventListener('hearth:theme', update);
      mq.removeEventListener('change', update);
    };
  }, []);
  const shown = effectiveTheme(choice);
  const next = shown === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      class="btn small icon-only"
      onClick={() => saveTheme(next)}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      data-testid="theme-toggle"
    >
      {shown === 'dark' ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}

export function Logo() {
  return (
    <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path
        class="logo-flame"
        d="M16 3c1.2 4.4 6.8 7.2 6.8 13.4A6.8 6.8 0 0 1 16 23.2a6.8 6.8 0 0 1-6.8-6.8c0-3 1.6-4.9 3.1-6.4.3 2 1.3 3.4 2.6 3.9C14 9.9 14.6 6.1 16 3Z"
      />
      <rect class="logo-hearth" x="5" y="25" width="22" height="3.2" rx="1.6" />
    </svg>
  );
}

function LockIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}

function MoonIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" />
    </svg>
  );
}

function SunIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </svg>
  );
}
