import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, isAbortError, toApiError } from './errors';

export interface Resource<T> {
  /** The last data loaded (kept while a reload or a change of inputs is under way). */
  data: T | null;
  /** Why the last load failed (null while loading again and after a success). */
  error: ApiError | null;
  loading: boolean;
  /** Loads again (aborting a load still under way); data stays until the new one arrives. */
  reload: () => void;
  /** Replaces the data after a change made on the page (no request). */
  setData: (update: T | ((prev: T | null) => T)) => void;
}

/**
 * The one way screens load data: runs `fetcher` with an AbortSignal when the component
 * mounts and whenever `deps` change, aborts the request on unmount and when a newer one
 * starts, and never sets state from a request that was superseded.
 */
export function useResource<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Resource<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    fetcherRef.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setDataState(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted || isAbortError(err)) return;
        setError(toApiError(err));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback(
    (update: T | ((prev: T | null) => T)) =>
      setDataState((prev) => (typeof update === 'function' ? (update as (p: T | null) => T)(prev) : update)),
    [],
  );
  return { data, error, loading, reload, setData };
}
