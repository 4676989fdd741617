import { useEffect, useState } from 'preact/hooks';
import { api, backupUrl } from '../../api';
import { Field, TextArea } from '../../components/Field';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { roleLabel } from '../../lib/access';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';
import { AvatarCard } from './AvatarCard';
import './profile.css';
import { useFlash } from '../../lib/useFlash';

/** Profile (U5, self-service part): picture, display name, bio; a download of one's own data. */
export function ProfileSettings({ session }: { session: Session }) {
  const [displayName, setDisplayName] = useState(session.me.displayName ?? '');
  const [bio, setBio] = useState(session.me.bio ?? '');
  const [saved, setSaved] = useFlash<true>();
  const action = useAction();

  useEffect(() => {
    setDisplayName(session.me.displayName ?? '');
    setBio(session.me.bio ?? '');
  }, [session.me.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    const r = await action.run(() => api.me.update({ displayName, bio }));
    if (r.ok) {
      setSaved(true);
      await session.refresh();
    }
  };

  return (
    <div class="stack-lg">
      <form class="stack-lg" onSubmit={submit} noValidate data-testid="profile-settings">
        <h2 class="section-title">Profile</h2>
        <AvatarCard session={session} />
        <div class="card">
          {session.me.username ? (
            <p class="muted">
              Signed in as <strong class="mono">{session.me.username}</strong>
              {session.me.role && session.status.mode === 'multi' ? ` (${roleLabel(session.me.role)})` : ''}.
            </p>
          ) : (
            <p class="muted">You are this Hearth's owner. Your name shows in chats and, later, to people you share with.</p>
          )}
          <Field label="Display name" value={displayName} onInput={setDisplayName} maxLength={100} testId="profile-display-name" />
          <TextArea label="Bio" value={bio} onInput={setBio} rows={3} maxLength={2000} testId="profile-bio" />
          <ErrorNote message={action.error} testId="profile-error" />
          {saved && !action.error && <SuccessNote testId="profile-success">Profile saved.</SuccessNote>}
          <div class="actions">
            <button type="submit" class="btn primary" disabled={action.busy} data-testid="profile-save">
              Save
            </button>
          </div>
        </div>
      </form>
      <div class="card" data-testid="backup-card">
        <h3>Your data</h3>
        <p class="muted">
          A zip file of everything in Hearth that is yours: your profile, memories, chats with all their messages, and your
          daily message counts.
        </p>
        <div class="actions">
          <a class="btn" href={backupUrl} download data-testid="download-backup">
            Download my data
          </a>
        </div>
      </div>
    </div>
  );
}
