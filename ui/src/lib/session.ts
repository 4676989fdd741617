import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me, Status } from '../api';

/** The signed-in person, shared with every screen (the shell makes it: features/shell/App.tsx). */
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

/** The session for shared pieces that are not handed it (NotAllowed: whom to send where). */
export const SessionContext = createContext<Session | null>(null);

/** The signed-in session, or null outside the signed-in app. */
export const useSession = () => useContext(SessionContext);
