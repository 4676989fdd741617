import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, throttleSecs, toApiError } from './errors';

/**
 * Runs an async action for a form: tracks "busy", keeps the last error message, and ignores
 * results that arrive after the component has gone away. A throttle (429 `throttled`) also
 * counts down in `waitSecs` (ActionError shows that one live line instead of the message's
 * fixed "wait N seconds"); its message goes when the wait is over.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const t = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= waitUntil) {
        window.clearInterval(t);
        setWaitUntil(0);
        setError(null);
      }
    }, 250);
    return () => window.clearInterval(t);
  }, [waitUntil]);

  const run = useCallback(async <T,>(fn: () => Promise<T>, onError?: (err: unknown) => string | null) => {
    setBusy(true);
    setError(null);
    setWaitUntil(0);
    try {
      const result = await fn();
      return { ok: true as const, result };
    } catch (err) {
      if (alive.current) {
        const secs = throttleSecs(toApiError(err));
        if (secs) {
          setWaitUntil(Date.now() + secs * 1000);
          setNow(Date.now());
        }
        setError(onError ? onError(err) : errorMessage(err));
      }
      return { ok: false as const, error: err };
    } finally {
      if (alive.current) setBusy(false);
    }
  }, []);

  const waitSecs = waitUntil > now ? Math.max(1, Math.ceil((waitUntil - now) / 1000)) : 0;
  return { busy, error, setError, run, waitSecs };
}
