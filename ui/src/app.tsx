import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, onAuthProblem, type Me, type Status } from './api';
import { Header } from './components/Header';
import { ErrorNote } from './components/Notice';
import { useRoute } from './router';
import { EventsScreen } from './screens/Events';
import { LockScreen } from './screens/LockScreen';
import { LoginScreen } from './screens/Login';
import { NotFound } from './screens/NotFound';
import { ServerScreen, ShareScreen } from './screens/Share';
import { SettingsScreen } from './screens/Settings';
import { SignedOut } from './screens/SignedOut';
import { UsersScreen } from './screens/Users';
import { WorkspaceScreen } from './screens/Workspace';
import { WorkspacesScreen } from './screens/Workspaces';
import { applyTheme, loadTheme } from './theme';

/**
 * What the whole window shows. Only `ready` renders any of the user's data; `locked`
 * renders the lock screen and nothing else.
 */
export type AppState =
  | { phase: 'loading' }
  | { phase: 'unreachable'; message: string }
  | { phase: 'locked'; status: Status | null }
  | { phase: 'signed-out'; status: Status | null }
  | { phase: 'login'; status: Status }
  | { phase: 'ready'; status: Status; me: Me };

/** Shared with screens that change the session or the lock (settings, header). */
export interface Session {
  status: Status;
  me: Me;
  /** Re-reads status and profile without leaving the current screen. */
  refresh: () => Promise<void>;
  /** Shows the lock screen at once (after "Lock now"). */
  showLock: () => void;
  /** Ends this browser's session (multi-user mode) and shows the login screen. */
  signOut: () => Promise<void>;
}

/** Where 401 `unauthenticated` leads: the login form when people sign in here. */
function signedOutState(status: Status | null): AppState {
  return status && status.mode === 'multi' ? { phase: 'login', status } : { phase: 'signed-out', status };
}

/** How often the UI asks whether the engine has locked itself (idle lock). */
const STATUS_POLL_MS = 30_000;

export function App() {
  const [state, setState] = useState<AppState>({ phase: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = useCallback(async () => {
    let status: Status;
    try {
      status = await api.status();
    } catch (err) {
      setState({ phase: 'unreachable', message: errorMessage(err) });
      return;
    }
    if (status.locked) {
      setState({ phase: 'locked', status });
      return;
    }
    if (status.mode === 'multi' && status.authenticated === false) {
      setState({ phase: 'login', status });
      return;
    }
    try {
      const me = await api.me.get({ quietAuth: true });
      // An account's theme follows it to a new device (unless this browser chose one).
      const theme = me.preferences?.theme;
      if ((theme === 'light' || theme === 'dark') && loadTheme() === 'system') applyTheme(theme);
      setState({ phase: 'ready', status, me });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setState(err.code === 'locked' ? { phase: 'locked', status } : signedOutState(status));
      } else {
        setState({ phase: 'unreachable', message: errorMessage(err) });
      }
    }
  }, []);

  useEffect(() => {
    void load();
    return onAuthProblem((problem) => {
      const prev = stateRef.current;
      const status = 'status' in prev ? prev.status : null;
      setState(problem === 'locked' ? { phase: 'locked', status } : signedOutState(status));
    });
  }, [load]);

  // Idle lock happens in the engine; notice it when the window comes back or on a slow poll.
  useEffect(() => {
    if (state.phase !== 'ready') return;
    const check = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const status = await api.status();
        if (status.locked && stateRef.current.phase === 'ready') setState({ phase: 'locked', status });
      } catch {
        // Transient: the next protected call reports any real problem.
      }
    };
    const timer = window.setInterval(check, STATUS_POLL_MS);
    document.addEventListener('visibilitychange', check);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [state.phase]);

  switch (state.phase) {
    case 'loading':
      return (
        <div class="center-screen" aria-busy="true">
          <p class="muted" role="status">
            Opening Hearth…
          </p>
        </div>
      );
    case 'unreachable':
      return (
        <div class="center-screen">
          <div class="card narrow">
            <h1>Hearth is not answering</h1>
            <ErrorNote message={state.message} />
            <button type="button" class="btn primary" onClick={() => load()} data-testid="retry">
              Try again
            </button>
          </div>
        </div>
      );
    case 'locked':
      return <LockScreen status={state.status} onUnlocked={load} />;
    case 'signed-out':
      return <SignedOut status={state.status} onRetry={load} />;
    case 'login':
      return <LoginScreen status={state.status} onSignedIn={load} />;
    case 'ready':
      return (
        <Main
          session={{
            status: state.status,
            me: state.me,
            refresh: load,
            showLock: () => setState({ phase: 'locked', status: { ...state.status, locked: true } }),
            signOut: async () => {
              try {
                await api.auth.logout();
              } finally {
                await load();
              }
            },
          }}
        />
      );
  }
}

function Main({ session }: { session: Session }) {
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // Move focus to the new screen's heading after in-app navigation (not on first load).
  const routeKey =
    route.name === 'settings'
      ? `settings/${route.section}`
      : route.name === 'workspace'
        ? `workspace/${route.slug}`
        : route.name;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h1 = mainRef.current?.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    }
  }, [routeKey]);

  let screen;
  let title;
  switch (route.name) {
    case 'workspaces':
      title = 'Workspaces';
      screen = <WorkspacesScreen session={session} />;
      break;
    case 'workspace':
      title = 'Workspace';
      screen = <WorkspaceScreen session={session} slug={route.slug} />;
      break;
    case 'share':
      title = 'Share on your network';
      screen = <ShareScreen session={session} />;
      break;
    case 'server':
      title = 'Sharing';
      screen = <ServerScreen session={session} />;
      break;
    case 'users':
      title = 'Users';
      screen = <UsersScreen session={session} />;
      break;
    case 'events':
      title = 'Event log';
      screen = <EventsScreen session={session} />;
      break;
    case 'settings':
      title = 'Settings';
      screen = <SettingsScreen session={session} section={route.section} />;
      break;
    default:
      title = 'Not found';
      screen = <NotFound />;
  }

  useEffect(() => {
    document.title = `${title} · Hearth`;
  }, [title]);

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header session={session} route={route} />
      <main id="main" ref={mainRef} class="main">
        {screen}
      </main>
      <footer class="footer muted">
        Hearth {session.status.version}
        {session.status.mode === 'multi' ? ' · multi-user' : ''}
      </footer>
    </div>
  );
}
