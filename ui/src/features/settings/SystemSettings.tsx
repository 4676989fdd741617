import { useState } from 'preact/hooks';
import { api, type LoginStyle, type SettingsPatch, type SystemSettings as Settings } from '../../api';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { useFlash } from '../../lib/useFlash';
import { useResource } from '../../lib/useResource';
import { IDLE_MAX, IDLE_MIN, IDLE_PROBLEM, parseIdleMinutes } from './IdleTime';

/** The engine's ranges (Settings in the API): enforced there, mirrored on the inputs. */
const QUEUE_PER_USER_MAX = 1000;
const QUEUE_TOTAL_MAX = 10_000;
const UPLOAD_MAX_MB_MAX = 1024;

/** Settings → System (admins): every field of the settings API: how people sign in (the
 * sign-in screen's style, used once Hearth is shared) and the idle time (sign-out in multi-user
 * mode, the lock in single-user mode), the queue's limits and the largest upload. One form,
 * one Save. */
export function SystemSettings({ multi }: { multi: boolean }) {
  const settings = useResource((signal) => api.settings.get({ signal }), []);

  if (settings.error) {
    return settings.error.status === 403 ? (
      <NotAllowed title="System" message={settings.error.message} />
    ) : (
      <ErrorNote message={settings.error.message} />
    );
  }
  if (!settings.data) return <Loading>Loading…</Loading>;
  return <SystemForm initial={settings.data} multi={multi} />;
}

/** A whole number from `lo` to `hi` typed in a field, else null. */
function wholeIn(text: string, lo: number, hi: number): number | null {
  const t = text.trim();
  if (!/^\d{1,6}$/.test(t)) return null;
  const n = Number(t);
  return n >= lo && n <= hi ? n : null;
}

function SystemForm({ initial, multi }: { initial: Settings; multi: boolean }) {
  const [settings, setSettings] = useState(initial);
  const [style, setStyle] = useState<LoginStyle>(initial.loginStyle);
  const [idle, setIdle] = useState(String(initial.idleTimeoutMinutes));
  const [perUser, setPerUser] = useState(String(initial.queuePerUser));
  const [total, setTotal] = useState(String(initial.queueTotal));
  const [uploadMb, setUploadMb] = useState(String(initial.uploadMaxMb));
  const [saved, setSaved] = useFlash<true>();
  const action = useAction();

  const show = (s: Settings) => {
    setSettings(s);
    setStyle(s.loginStyle);
    setIdle(String(s.idleTimeoutMinutes));
    setPerUser(String(s.queuePerUser));
    setTotal(String(s.queueTotal));
    setUploadMb(String(s.uploadMaxMb));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    const patch: SettingsPatch = {};
    const minutes = parseIdleMinutes(idle);
    if (minutes === null) return action.setError(IDLE_PROBLEM);
    if (style !== settings.loginStyle) patch.loginStyle = style;
    if (minutes !== settings.idleTimeoutMinutes) patch.idleTimeoutMinutes = minutes;
    const p = wholeIn(perUser, 1, QUEUE_PER_USER_MAX);
    if (p === null) return action.setError(`Messages one person may have waiting: a whole number from 1 to ${QUEUE_PER_USER_MAX.toLocaleString()}.`);
    const t = wholeIn(total, 1, QUEUE_TOTAL_MAX);
    if (t === null) return action.setError(`Messages that may wait in one model’s line: a whole number from 1 to ${QUEUE_TOTAL_MAX.toLocaleString()}.`);
    const u = wholeIn(uploadMb, 1, UPLOAD_MAX_MB_MAX);
    if (u === null) return action.setError(`The largest upload is a whole number of MB from 1 to ${UPLOAD_MAX_MB_MAX.toLocaleString()}.`);
    if (p !== settings.queuePerUser) patch.queuePerUser = p;
    if (t !== settings.queueTotal) patch.queueTotal = t;
    if (u !== settings.uploadMaxMb) patch.uploadMaxMb = u;
    if (Object.keys(patch).length === 0) {
      action.setError(null);
      return setSaved(true);
    }
    const r = await action.run(() => api.settings.update(patch));
    if (r.ok) {
      show(r.result);
      setSaved(true);
    }
  };

  // Test ids `sign-in-settings-*` are kept from when this page held only the sign-in settings.
  return (
    <form class="stack-lg" onSubmit={submit} noValidate data-testid="system-settings">
      <h2 class="section-title">System</h2>
      <fieldset class="card radio-group" data-testid="sign-in-settings">
        <legend>Sign-in screen</legend>
        {!multi && (
          <p class="hint settings-intro" data-testid="sign-in-settings-later">
            Used once you share Hearth on your network: in single-user mode nobody signs in.
          </p>
        )}
        <label class="radio">
          <input type="radio" name="login-style" value="discreet" checked={style === 'discreet'} onChange={() => setStyle('discreet')} data-testid="login-style-discreet" />
          <span>
            Discreet
            <span class="hint block">People type their username. Nobody sees who has an account.</span>
          </span>
        </label>
        <label class="radio">
          <input type="radio" name="login-style" value="list" checked={style === 'list'} onChange={() => setStyle('list')} data-testid="login-style-list" />
          <span>
            List of people
            <span class="hint block">The sign-in screen shows everyone’s name and picture; people pick theirs and type the password.</span>
          </span>
        </label>
      </fieldset>
      <div class="card">
        <Field
          label={multi ? 'Sign out after this many idle minutes' : 'Lock after this many idle minutes'}
          type="number"
          value={idle}
          onInput={setIdle}
          min={IDLE_MIN}
          max={IDLE_MAX}
          inputMode="numeric"
          hint={
            multi
              ? `Sessions with no activity for this long end, ${IDLE_MIN} to ${IDLE_MAX.toLocaleString()} minutes.`
              : `With a lock password, Hearth locks itself after this long without use, ${IDLE_MIN} to ${IDLE_MAX.toLocaleString()} minutes. Once shared, sessions with no activity for this long end.`
          }
          testId="idle-timeout"
        />
      </div>
      <div class="card" data-testid="queue-settings">
        <h3>Queue</h3>
        <p class="hint settings-intro">
          A model writes a few replies at once (set for each provider in Settings → Models); other messages wait in its line.
        </p>
        <div class="field-row">
          <Field
            label="Messages one person may have waiting"
            type="number"
            value={perUser}
            onInput={setPerUser}
            min={1}
            max={QUEUE_PER_USER_MAX}
            inputMode="numeric"
            hint={`Waiting or being answered at once, 1 to ${QUEUE_PER_USER_MAX.toLocaleString()}. One more is refused until one is answered.`}
            testId="queue-per-user"
          />
          <Field
            label="Messages that may wait in one model’s line"
            type="number"
            value={total}
            onInput={setTotal}
            min={1}
            max={QUEUE_TOTAL_MAX}
            inputMode="numeric"
            hint={`From everyone, 1 to ${QUEUE_TOTAL_MAX.toLocaleString()}. When the line is full, new messages are refused until it shortens.`}
            testId="queue-total"
          />
        </div>
      </div>
      <div class="card" data-testid="upload-settings">
        <h3>Documents</h3>
        <Field
          label="Largest upload (MB)"
          type="number"
          value={uploadMb}
          onInput={setUploadMb}
          min={1}
          max={UPLOAD_MAX_MB_MAX}
          inputMode="numeric"
          hint={`The largest document anyone may add to a workspace, 1 to ${UPLOAD_MAX_MB_MAX.toLocaleString()} MB. A larger file is refused.`}
          testId="upload-max-mb"
        />
      </div>
      <div class="stack">
        <ErrorNote message={action.error} testId="sign-in-settings-error" />
        {saved && !action.error && <SuccessNote testId="sign-in-settings-saved">Saved.</SuccessNote>}
        <div class="actions">
          <button type="submit" class="btn primary" disabled={action.busy} data-testid="sign-in-settings-save">
            Save
          </button>
        </div>
      </div>
    </form>
  );
}
