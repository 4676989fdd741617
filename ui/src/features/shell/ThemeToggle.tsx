import { useEffect, useState } from 'preact/hooks';
import { effectiveTheme, loadTheme, saveTheme } from '../../lib/theme';
import { MoonIcon, SunIcon } from './icons';

/** The header's light/dark switch (Settings → Appearance also offers "match the system"). */
export function ThemeToggle() {
  const [choice, setChoice] = useState(loadTheme());
  // Bumped when the system theme changes, so "system" re-renders with the new effective theme.
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => {
      setChoice(loadTheme());
      setTick((t) => t + 1);
    };
    window.addEventListener('hearth:theme', update);
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', update);
    return () => {
      window.removeEventListener('hearth:theme', update);
      mq.removeEventListener('change', update);
    };
  }, []);
  const shown = effectiveTheme(choice);
  const next = shown === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      class="btn small icon-only"
      onClick={() => saveTheme(next)}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      data-testid="theme-toggle"
    >
      {shown === 'dark' ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
