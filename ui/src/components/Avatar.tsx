import { useEffect, useState } from 'preact/hooks';
import { avatarUrl } from '../api';
import './avatar.css';

let epoch = 0;
const EVENT = 'hearth:avatar';

/** After an upload or removal: every Avatar on screen fetches its image again. */
export function avatarsChanged(): void {
  epoch = Date.now();
  window.dispatchEvent(new Event(EVENT));
}

/**
 * A round avatar: the user's image when they have one, else their initials. Decorative.
 * `hasAvatar` undefined means "unknown": the image is tried and initials shown if it fails.
 */
export function Avatar(props: {
  userId: string;
  name: string;
  hasAvatar?: boolean;
  size?: 'small' | 'medium' | 'large';
}) {
  const [failed, setFailed] = useState(false);
  const [version, setVersion] = useState(epoch);
  useEffect(() => {
    const update = () => {
      setVersion(epoch);
      setFailed(false);
    };
    window.addEventListener(EVENT, update);
    return () => window.removeEventListener(EVENT, update);
  }, []);
  useEffect(() => setFailed(false), [props.userId, props.hasAvatar]);
  const cls = `avatar avatar-${props.size ?? 'medium'}`;
  if (props.hasAvatar !== false && !failed) {
    return (
      <img
        class={cls}
        src={avatarUrl(props.userId, version || undefined)}
        alt=""
        aria-hidden="true"
        onError={() => setFailed(true)}
        data-testid="avatar-img"
      />
    );
  }
  return (
    <span class={`${cls} avatar-initials`} aria-hidden="true" data-hue={hue(props.userId)}>
      {initials(props.name)}
    </span>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/[\s._-]+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = [...parts[0]][0] ?? '';
  const second = parts.length > 1 ? ([...parts[parts.length - 1]][0] ?? '') : '';
  return (first + second).toUpperCase();
}

/** One of 6 palette slots (CSS classes, no inline styles under the CSP). */
function hue(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % 6;
}
