import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Loading } from '../../components/Loading';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNote } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import type { Session } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { filterProblem, toApi, today, type Filters } from './filters';
import { UsageFilters } from './UsageFilters';
import { UsageTable } from './UsageTable';

/** `/admin/usage`: per person, messages today against the daily limit, and the messages and
 * tokens over a range of UTC days (admins and managers); CSV download. */
export function UsageScreen(_props: { session: Session }) {
  const [draft, setDraft] = useState<Filters>(today);
  const [applied, setApplied] = useState<Filters>(today);
  const [formError, setFormError] = useState<string | null>(null);
  const report = useResource((signal) => api.usage.list(toApi(applied), { signal }), [applied]);

  if (report.error && report.error.status === 403) return <NotAllowed title="Usage" message={report.error.message} />;

  const apply = () => {
    const problem = filterProblem(draft);
    setFormError(problem);
    if (problem) return;
    setApplied({ ...draft });
  };
  const reset = () => {
    const t = today();
    setDraft(t);
    setFormError(null);
    setApplied(t);
  };

  const t = today();
  const isToday = applied.user === '' && applied.from === t.from && applied.to === t.to;
  const data = report.data;
  const error = formError ?? report.error?.message ?? null;

  return (
    <section class="screen wide" aria-labelledby="usage-title" data-testid="usage-screen">
      <div class="screen-head">
        <h1 id="usage-title">Usage</h1>
        <p class="muted">Messages each person sent, against their daily limit, and the tokens of the replies.</p>
      </div>

      <UsageFilters draft={draft} onDraft={setDraft} applied={applied} isToday={isToday} onApply={apply} onReset={reset} />

      {error && (
        <div class="stack">
          <ErrorNote message={error} testId="usage-error" />
        </div>
      )}
      {!error && !data && <Loading>Loading usage…</Loading>}
      {data && (
        <div class="stack">
          <p class="muted" data-testid="usage-range">
            Messages and tokens {data.from === data.to ? `on ${data.from}` : `from ${data.from} to ${data.to}`} (UTC days).
          </p>
          <p data-testid="usage-resets">
            Daily counts start again at 00:00 UTC: <time dateTime={new Date(data.resetsAt * 1000).toISOString()}>{formatDateTime(data.resetsAt)}</time>{' '}
            your time.
          </p>
          {data.items.length === 0 ? (
            <div class="empty" data-testid="usage-empty">
              <p class="empty-title">Nobody to show</p>
              <p class="muted">No account matches this user.</p>
            </div>
          ) : (
            <UsageTable items={data.items} />
          )}
        </div>
      )}
    </section>
  );
}
