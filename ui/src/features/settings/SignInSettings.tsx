import { useState } from 'preact/hooks';
import { api, type LoginStyle, type SettingsPatch, type SystemSettings } from '../../api';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { useResource } from '../../lib/useResource';

/** Sign-in (admin, multi-user): the login screen's style and the idle timeout. */
export function SignInSettings() {
  const settings = useResource((signal) => api.settings.get({ signal }), []);

  if (settings.error) {
    return settings.error.status === 403 ? (
      <NotAllowed title="Sign-in" message={settings.error.message} />
    ) : (
      <ErrorNote message={settings.error.message} />
    );
  }
  if (!settings.data) return <Loading>Loading…</Loading>;
  return <SignInForm initial={settings.data} />;
}

function SignInForm({ initial }: { initial: SystemSettings }) {
  const [settings, setSettings] = useState(initial);
  const [style, setStyle] = useState<LoginStyle>(initial.loginStyle);
  const [idle, setIdle] = useState(String(initial.idleTimeoutMinutes));
  const [saved, setSaved] = useState(false);
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const minutes = idle.trim();
    if (!/^\d{1,6}$/.test(minutes)) return action.setError('The idle timeout is a whole number of minutes.');
    const patch: SettingsPatch = {};
    if (style !== settings.loginStyle) patch.loginStyle = style;
    if (Number(minutes) !== settings.idleTimeoutMinutes) patch.idleTimeoutMinutes = Number(minutes);
    if (Object.keys(patch).length === 0) return setSaved(true);
    const r = await action.run(() => api.settings.update(patch));
    if (r.ok) {
      setSettings(r.result);
      setStyle(r.result.loginStyle);
      setIdle(String(r.result.idleTimeoutMinutes));
      setSaved(true);
    }
  };

  return (
    <form class="stack-lg" onSubmit={submit} noValidate data-testid="sign-in-settings">
      <h2 class="section-title">Sign-in</h2>
      <fieldset class="card radio-group">
        <legend>Sign-in screen</legend>
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
          label="Sign out after this many idle minutes"
          value={idle}
          onInput={setIdle}
          inputMode="numeric"
          maxLength={6}
          hint="Sessions with no activity for this long end."
          testId="idle-timeout"
        />
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
