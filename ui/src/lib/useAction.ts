import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from './errors';

/**
 * Runs an async action for a form: tracks "busy", keeps the last error message, and ignores
 * results that arrive after the component has gone away.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(async <T,>(fn: () => Promise<T>, onError?: (err: unknown) => string | null) => {
    setBusy(true);
    setError(null);
    try {
      const result = await fn();
      return { ok: true as const, result };
    } catch (err) {
      if (alive.current) setError(onError ? onError(err) : errorMessage(err));
      return { ok: false as const, error: err };
    } finally {
      if (alive.current) setBusy(false);
    }
  }, []);

  return { busy, error, setError, run };
}
