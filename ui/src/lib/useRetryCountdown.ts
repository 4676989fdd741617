import { useEffect, useState } from 'preact/hooks';

/** A throttle's `Retry-After` as a countdown people can see. `waitFor(secs)` starts it;
 * `waitSecs` counts down to 0, and then `onOver` runs (to clear a "wait N seconds" message
 * instead of leaving it stale). */
export function useRetryCountdown(onOver: () => void) {
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const waitSecs = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const t = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= waitUntil) {
        window.clearInterval(t);
        onOver();
        setWaitUntil(0);
      }
    }, 250);
    return () => window.clearInterval(t);
  }, [waitUntil]);
  const waitFor = (secs: number) => {
    setWaitUntil(Date.now() + secs * 1000);
    setNow(Date.now());
  };
  return { waitSecs, waitFor };
}
