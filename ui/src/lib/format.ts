// Dates as people read them. The engine sends Unix seconds; milliseconds and RFC 3339
// strings are tolerated too.

/** A Date from Unix seconds, milliseconds or RFC 3339. */
export function toDate(value: number | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const d = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(value: number | string | null | undefined): string {
  const d = toDate(value);
  if (!d) return '—';
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatDate(d: Date): string {
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Unix seconds at the start (or the last second) of a local calendar day given as
 * YYYY-MM-DD (a date input's value); undefined for anything else. */
export function localDaySeconds(day: string, end: boolean): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const t = end ? new Date(y, m - 1, d, 23, 59, 59) : new Date(y, m - 1, d, 0, 0, 0);
  return Math.floor(t.getTime() / 1000);
}

/** Today's UTC day as YYYY-MM-DD (daily message counts go by UTC days). */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** A count with the reader's digit grouping ("12,345"). */
export const formatCount = (n: number): string => n.toLocaleString();

/** A size in bytes as people read it: "512 bytes", "12 KB", "3.4 MB" (1 KB = 1,024 bytes). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1).replace(/\.0$/, '') : Math.round(v).toLocaleString()} ${units[u]}`;
}
