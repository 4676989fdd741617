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
