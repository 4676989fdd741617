// After a switch from multi-user back to single-user mode, the lock password is the admin's
// password. The lock screen cannot ask the engine whose it is (nothing is read while locked),
// so the switch leaves a note in this browser; removing the lock password takes it away.

const KEY = 'hearth.lockIsAdminPassword';

/** The admin's username whose password now locks Hearth, when this browser made the switch. */
export function lockIsAdminPassword(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Remember (username) or forget (null) that the lock password is that admin's password. */
export function setLockIsAdminPassword(username: string | null) {
  try {
    if (username) localStorage.setItem(KEY, username);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused: the lock screen just does not say it.
  }
}
