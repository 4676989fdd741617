import { useEffect, useRef, useState } from 'preact/hooks';

/** Where a throttle's deadline is kept, per form: it outlives a reload of the page (the
 * server still refuses until then), not the browser tab. */
const KEY = (form: string) => `hearth.retry.${form}`;

/** A throttle: until when (ms since the epoch), for whom (the username; '' for a form
 * without one, like the lock screen). */
interface Deadline {
  until: number;
  who: string;
}

function read(form: string): Deadline | null {
  try {
    const raw = sessionStorage.getItem(KEY(form));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Deadline>;
    if (typeof d.until !== 'number' || typeof d.who !== 'string' || d.until <= Date.now()) {
      sessionStorage.removeItem(KEY(form));
      return null;
    }
    return { until: d.until, who: d.who };
  } catch {
    return null;
  }
}

function write(form: string, d: Deadline | null) {
  try {
    if (d) sessionStorage.setItem(KEY(form), JSON.stringify(d));
    else sessionStorage.removeItem(KEY(form));
  } catch {
    // Storage refused (private mode): the countdown still runs until a reload.
  }
}

/**
 * A throttle's wait (429 `Retry-After`) as one live countdown. `form` names the form
 * (`login`, `unlock`), `who` the person it is for (the username typed or picked): the
 * deadline is kept in sessionStorage, so a reload shows the same countdown instead of
 * letting the next attempt be refused again. `waitFor(secs)` starts it; `waitSecs` counts
 * down to 0 for that person, and then `onOver` runs (to clear a stale error).
 * `pending` is the stored deadline's person (to fill the username in after a reload).
 */
export function useRetryCountdown(form: string, who: string, onOver?: () => void) {
  const [deadline, setDeadline] = useState<Deadline | null>(() => read(form));
  const [now, setNow] = useState(Date.now());
  const over = useRef(onOver);
  over.current = onOver;

  useEffect(() => {
    if (!deadline || deadline.until <= Date.now()) return;
    const t = window.setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= deadline.until) {
        window.clearInterval(t);
        write(form, null);
        setDeadline(null);
        over.current?.();
      }
    }, 250);
    return () => window.clearInterval(t);
  }, [deadline, form]);

  const active = deadline !== null && deadline.who === who && deadline.until > now;
  const waitSecs = active ? Math.max(1, Math.ceil((deadline.until - now) / 1000)) : 0;

  const waitFor = (secs: number, forWho: string = who) => {
    const d = { until: Date.now() + secs * 1000, who: forWho };
    write(form, d);
    setDeadline(d);
    setNow(Date.now());
  };
  return { waitSecs, waitFor, pending: deadline && deadline.until > now ? deadline.who : null };
}
