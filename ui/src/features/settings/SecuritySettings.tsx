import { InfoNote, SuccessNote } from '../../components/Notice';
import { isAdmin } from '../../lib/access';
import { setLockIsAdminPassword } from '../../lib/lockWords';
import type { Session } from '../../lib/session';
import { useFlash } from '../../lib/useFlash';
import { AccountPassword } from './AccountPassword';
import { IdleTime } from './IdleTime';
import { ChangeLockPassword, RemoveLockPassword, SetLockPassword } from './LockPasswordForms';
import { Sessions } from './Sessions';

type Done = 'set' | 'changed' | 'removed';

/** The confirmations here say what to do next: they stay a little longer than "Saved.". */
const DONE_MS = 15_000;

/** Security: the single-user lock password (M2) and when it locks by itself, or the account's
 * password in multi-user mode; and where this person is signed in. */
export function SecuritySettings({ session }: { session: Session }) {
  const enabled = session.me.lockEnabled;
  const [done, setDone] = useFlash<Done>(DONE_MS);
  // After a switch back from multi-user mode the owner keeps the admin's username, and the
  // admin's password is the lock password (one password, two uses).
  const adminName = session.me.username;

  const after = async (what: Done) => {
    if (what === 'removed') setLockIsAdminPassword(null);
    await session.refresh();
    setDone(what);
  };

  return (
    <div class="stack-lg" data-testid="security-settings">
      <h2 class="section-title">Security</h2>

      {session.status.mode === 'multi' ? (
        <AccountPassword />
      ) : (
        <>
          <div class={`lock-state ${enabled ? 'on' : 'off'}`} data-testid="lock-state">
            <strong>{enabled ? 'Password lock is on.' : 'Password lock is off.'}</strong>{' '}
            {enabled
              ? 'Hearth asks for your password when it starts, after it has been idle for a while, and whenever you press Lock now.'
              : 'Anyone who can open this window can use Hearth. Set a password to lock it.'}
          </div>
          {enabled && adminName && (
            <InfoNote testId="lock-is-admin-password">
              This password is also the password of your admin account <strong class="mono">{adminName}</strong>, for
              when you share Hearth again: changing one changes both.
            </InfoNote>
          )}

          {done === 'set' && (
            <SuccessNote testId="lock-set-success">
              <strong>Password set.</strong> From now on Hearth asks for it when it starts and after it
              has been idle for a while. Use <em>Lock now</em> at the top to lock it right away. Keep
              the password somewhere safe: it cannot be shown again.
            </SuccessNote>
          )}
          {done === 'changed' && (
            <SuccessNote testId="lock-changed-success">
              <strong>Password changed.</strong> Use the new one the next time Hearth asks.
            </SuccessNote>
          )}
          {done === 'removed' && (
            <SuccessNote testId="lock-removed-success">
              <strong>Password removed.</strong> Hearth no longer asks for a password.
            </SuccessNote>
          )}

          {enabled ? <ChangeLockPassword onDone={() => after('changed')} /> : <SetLockPassword onDone={() => after('set')} />}
          {isAdmin(session.me) && <IdleTime enabled={enabled} />}
          {enabled && <RemoveLockPassword onDone={() => after('removed')} />}
        </>
      )}
      <Sessions />
    </div>
  );
}
