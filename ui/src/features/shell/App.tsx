import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, onAuthProblem, type Me, type Status } from '../../api';
import { ErrorNote } from '../../components/Notice';
import { errorMessage, setErrorReader, toApiError } from '../../lib/errors';
import { applyTheme, loadTheme } from '../../lib/theme';
import { LockScreen } from '../lock/LockScreen';
import { LoginScreen } from '../login/LoginScreen';
import { Frame } from './Frame';
import { SignedOut } from './SignedOut';
import './shell.css';

/**
 * What the whole window shows. Only `ready` renders any of the user's data; `locked`
 * renders the lock screen and nothing else.
 */
export type AppState =
  | { phase: 'loading' }
  | { phase: 'unreachable'; message: string }
  | { phase: 'locked'; status: Status | null }
  | { phase: 'signed-out'; status: Status | null; notice: string | null }
  | { phase: 'login'; status: Status; notice: string | null }
  | { phase: 'ready'; status: Status; me: Me };

/** Where 401 `unauthenticated` leads: the login form when people sign in here. `notice`:
 * why the session ended, when someone else ended it (401 `session_ended`'s message). */
function signedOutState(status: Status | null, notice: string | null = null): AppState {
  return status && status.mode === 'multi'
    ? { phase: 'login', status, notice }
    : { phase: 'signed-out', status, notice };
}

/** Why this browser's session ended, when someone else ended it (an admin suspended the
 * account, reset its password…): the server still says so for a while, on any call with the
 * old cookie. Null when it simply has none. */
async function endedReason(): Promise<string | null> {
  try {
    await api.me.get({ quietAuth: true });
  } catch (thrown) {
    const err = toApiError(thrown);
    if (err.status === 401 && err.code === 'session_ended') return err.message;
  }
  return null;
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
      setState({ phase: 'login', status, notice: await endedReason() });
      return;
    }
    try {
      const me = await api.me.get({ quietAuth: true });
      // An account's theme follows it to a new device (unless this browser chose one).
      const theme = me.preferences?.theme;
      if ((theme === 'light' || theme === 'dark') && loadTheme() === 'system') applyTheme(theme);
      setState({ phase: 'ready', status, me });
    } catch (thrown) {
      const err = toApiError(thrown);
      if (err.status === 401) {
        setState(
          err.code === 'locked'
            ? { phase: 'locked', status }
            : signedOutState(status, err.code === 'session_ended' ? err.message : null),
        );
      } else {
        setState({ phase: 'unreachable', message: err.message });
      }
    }
  }, []);

  useEffect(() => {
    void load();
    return onAuthProblem((problem, message) => {
      const prev = stateRef.current;
      const status = 'status' in prev ? prev.status : null;
      if (problem === 'locked') return setState({ phase: 'locked', status });
      // A second refusal (another request of the same screen) keeps the first reason.
      const notice =
        problem === 'session_ended' ? message : prev.phase === 'login' || prev.phase === 'signed-out' ? prev.notice : null;
      setState(signedOutState(status, notice));
    });
  }, [load]);

  // Messages the engine words for people follow the reader: an admin is never told to ask one.
  useEffect(() => {
    setErrorReader(state.phase === 'ready' && state.me.role === 'admin');
  }, [state]);

  // Idle lock happens in the engine, and an admin may end this session from elsewhere; notice
  // either when the window comes back or on a slow poll.
  useEffect(() => {
    if (state.phase !== 'ready') return;
    const check = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const status = await api.status();
        if (stateRef.current.phase !== 'ready') return;
        if (status.locked) {
          setState({ phase: 'locked', status });
        } else if (status.mode === 'multi' && status.authenticated === false) {
          const notice = await endedReason();
          if (stateRef.current.phase === 'ready') setState(signedOutState(status, notice));
        }
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
      return <SignedOut status={state.status} notice={state.notice} onRetry={load} />;
    case 'login':
      return <LoginScreen status={state.status} notice={state.notice} onSignedIn={load} />;
    case 'ready':
      return (
        <Frame
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
