import { useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Avatar, avatarsChanged } from '../../components/Avatar';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { isMulti } from '../../lib/access';
import type { Session } from '../../lib/session';
import { useAction } from '../../lib/useAction';
import { useFlash } from '../../lib/useFlash';

const AVATAR_MAX = 512 * 1024;
const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** The account's picture: upload (raw-body PUT) or remove. */
export function AvatarCard({ session }: { session: Session }) {
  const me = session.me;
  const [hasAvatar, setHasAvatar] = useState<boolean | undefined>(me.hasAvatar);
  const [done, setDone] = useFlash<string>();
  const action = useAction();
  const fileRef = useRef<HTMLInputElement>(null);

  const upload = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    setDone(null);
    if (!file) return;
    if (!AVATAR_TYPES.includes(file.type)) {
      input.value = '';
      return action.setError('Choose a PNG, JPEG or WebP image.');
    }
    if (file.size > AVATAR_MAX) {
      input.value = '';
      return action.setError(`That image is ${Math.ceil(file.size / 1024)} KiB; the limit is 512 KiB. Choose a smaller one.`);
    }
    const r = await action.run(() => api.me.setAvatar(file, file.type));
    input.value = '';
    if (r.ok) {
      setHasAvatar(true);
      avatarsChanged();
      setDone('Picture updated.');
      await session.refresh();
    }
  };
  const remove = async () => {
    setDone(null);
    const r = await action.run(() => api.me.removeAvatar());
    if (r.ok) {
      setHasAvatar(false);
      avatarsChanged();
      setDone('Picture removed.');
      await session.refresh();
    }
  };

  return (
    <div class="card avatar-card" data-testid="avatar-card">
      <Avatar userId={me.id} name={me.displayName || me.username || '?'} hasAvatar={hasAvatar} size="large" />
      <div class="avatar-card-body">
        <h3>Picture</h3>
        <p class="hint">PNG, JPEG or WebP, up to 512 KiB. Shown next to your name{isMulti(session.status) ? ' and on the sign-in screen' : ''}.</p>
        <div class="actions">
          <label class="btn small file-btn">
            <input
              ref={fileRef}
              type="file"
              accept={AVATAR_TYPES.join(',')}
              class="sr-only"
              onChange={upload}
              disabled={action.busy}
              data-testid="avatar-file"
            />
            Choose a picture…
          </label>
          {hasAvatar !== false && (
            <button type="button" class="btn small" onClick={remove} disabled={action.busy} data-testid="avatar-remove">
              Remove
            </button>
          )}
        </div>
        <ErrorNote message={action.error} testId="avatar-error" />
        {done && !action.error && <SuccessNote testId="avatar-success">{done}</SuccessNote>}
      </div>
    </div>
  );
}
