import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNote } from '../../components/Notice';
import type { Session } from '../../lib/session';
import { loadTheme, saveTheme, type ThemeChoice } from '../../lib/theme';
import { useAction } from '../../lib/useAction';

/** Appearance: the theme, kept in this browser and with the account. */
export function AppearanceSettings({ session }: { session: Session }) {
  const [choice, setChoice] = useState<ThemeChoice>(loadTheme());
  const sync = useAction();
  const choose = async (value: ThemeChoice) => {
    saveTheme(value);
    // Also kept with the account, so it follows the person to other devices.
    await sync.run(() => api.me.update({ preferences: { ...(session.me.preferences ?? {}), theme: value } }));
  };
  useEffect(() => {
    const update = () => setChoice(loadTheme());
    window.addEventListener('hearth:theme', update);
    return () => window.removeEventListener('hearth:theme', update);
  }, []);
  const options: { value: ThemeChoice; label: string; hint: string }[] = [
    { value: 'system', label: 'Match the system', hint: 'Light or dark, as your device is set.' },
    { value: 'light', label: 'Light', hint: '' },
    { value: 'dark', label: 'Dark', hint: '' },
  ];
  return (
    <div class="stack-lg" data-testid="appearance-settings">
      <h2 class="section-title">Appearance</h2>
      <fieldset class="card radio-group">
        <legend>Theme</legend>
        {options.map((o) => (
          <label class="radio" key={o.value}>
            <input
              type="radio"
              name="theme"
              value={o.value}
              checked={choice === o.value}
              onChange={() => void choose(o.value)}
              data-testid={`theme-${o.value}`}
            />
            <span>
              {o.label}
              {o.hint && <span class="hint block">{o.hint}</span>}
            </span>
          </label>
        ))}
        <p class="hint">Kept in this browser and with your account.</p>
        <ErrorNote message={sync.error} testId="appearance-error" />
      </fieldset>
    </div>
  );
}
