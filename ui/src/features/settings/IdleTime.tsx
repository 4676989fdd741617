import { useState } from 'preact/hooks';
import { api, type SystemSettings } from '../../api';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { useFlash } from '../../lib/useFlash';
import { useResource } from '../../lib/useResource';

/** The engine's range for `idleTimeoutMinutes` (Settings in the API). */
export const IDLE_MIN = 1;
export const IDLE_MAX = 1440;

/** A whole number of idle minutes typed in a field, else null. */
export function parseIdleMinutes(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n >= IDLE_MIN && n <= IDLE_MAX ? n : null;
}

export const IDLE_PROBLEM = `The idle time is a whole number of minutes from ${IDLE_MIN} to ${IDLE_MAX.toLocaleString()} (a day).`;

/** Settings → Security in single-user mode (the owner, an admin): after how many idle minutes
 * the lock password is asked again (`idleTimeoutMinutes`, the same setting that signs people
 * out in multi-user mode). */
export function IdleTime({ enabled }: { enabled: boolean }) {
  const settings = useResource((signal) => api.settings.get({ signal }), []);
  if (settings.error) return <ErrorNote message={settings.error.message} testId="idle-lock-error" />;
  if (!settings.data) return <Loading>Loading…</Loading>;
  return <IdleForm initial={settings.data} enabled={enabled} />;
}

function IdleForm({ initial, enabled }: { initial: SystemSettings; enabled: boolean }) {
  const [current, setCurrent] = useState(initial.idleTimeoutMinutes);
  const [minutes, setMinutes] = useState(String(initial.idleTimeoutMinutes));
  const [saved, setSaved] = useFlash<true>();
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    const n = parseIdleMinutes(minutes);
    if (n === null) return action.setError(IDLE_PROBLEM);
    if (n === current) {
      action.setError(null);
      return setSaved(true);
    }
    const r = await action.run(() => api.settings.update({ idleTimeoutMinutes: n }));
    if (r.ok) {
      setCurrent(r.result.idleTimeoutMinutes);
      setMinutes(String(r.result.idleTimeoutMinutes));
      setSaved(true);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="idle-lock-form">
      <h3>Lock when idle</h3>
      <p class="muted">
        {enabled
          ? 'Hearth locks itself when nobody has used it for this long, and asks for the password again.'
          : 'Once a password is set, Hearth locks itself when nobody has used it for this long.'}
      </p>
      <Field
        label="Lock after this many idle minutes"
        type="number"
        value={minutes}
        onInput={(v) => {
          setMinutes(v);
          setSaved(null);
        }}
        min={IDLE_MIN}
        max={IDLE_MAX}
        inputMode="numeric"
        hint={`${IDLE_MIN} to ${IDLE_MAX.toLocaleString()} minutes. Now: ${current} ${current === 1 ? 'minute' : 'minutes'}.`}
        testId="idle-lock-minutes"
      />
      <ErrorNote message={action.error} testId="idle-lock-form-error" />
      {saved && !action.error && <SuccessNote testId="idle-lock-saved">Saved.</SuccessNote>}
      <div class="actions">
        <button type="submit" class="btn" disabled={action.busy} data-testid="idle-lock-save">
          Save idle time
        </button>
      </div>
    </form>
  );
}
