import { useCallback, useEffect, useState } from 'preact/hooks';

/** How long a success notice stays: long enough to read, gone once its moment is over. */
export const FLASH_MS = 8000;

/**
 * A success notice that goes by itself: `show(value)` shows it (again, restarting the clock
 * even for the same words), and `ms` later it is gone; `show(null)` takes it away at once
 * (the next action). A notice that stayed would go on saying "Saved." about a form changed
 * since.
 */
export function useFlash<T>(ms: number = FLASH_MS): [T | null, (value: T | null) => void] {
  const [state, setState] = useState<{ value: T | null; seq: number }>({ value: null, seq: 0 });
  useEffect(() => {
    if (state.value === null || state.value === false) return;
    const seq = state.seq;
    const t = window.setTimeout(() => setState((s) => (s.seq === seq ? { value: null, seq } : s)), ms);
    return () => window.clearTimeout(t);
  }, [state.seq]);
  const show = useCallback((value: T | null) => setState((s) => ({ value, seq: s.seq + 1 })), []);
  return [state.value, show];
}
