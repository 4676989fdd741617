import { useId, useState } from 'preact/hooks';
import { api, type SearchHit } from '../../api';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { SEARCH_MAX } from './labels';

/** How many passages a search shows. */
const SHOWN = 10;

/** Search over a workspace's documents: the best passages, best first, each with its
 * document's title. Document text is untrusted: titles and snippets are shown as text only. */
export function DocumentSearch({ slug }: { slug: string }) {
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ q: string; hits: SearchHit[] } | null>(null);
  const action = useAction();
  const id = useId();

  const submit = async (e: Event) => {
    e.preventDefault();
    const text = q.trim();
    if (!text) {
      setResult(null);
      return action.setError('Type a few words to look for in the documents.');
    }
    const r = await action.run(() => api.documents.search(slug, text, SHOWN));
    if (r.ok) setResult({ q: text, hits: r.result.items });
  };

  return (
    <section class="card doc-search" aria-labelledby={`${id}-title`} data-testid="doc-search">
      <h3 id={`${id}-title`}>Search the documents</h3>
      <form class="search-row" role="search" onSubmit={submit} noValidate data-testid="doc-search-form">
        <label for={`${id}-q`} class="sr-only">
          Words to look for
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          maxLength={SEARCH_MAX}
          placeholder="Words to look for"
          autoComplete="off"
          onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
          aria-invalid={action.error ? 'true' : undefined}
          data-testid="doc-search-input"
        />
        <button type="submit" class="btn" disabled={action.busy} data-testid="doc-search-submit">
          {action.busy ? 'Searching…' : 'Search'}
        </button>
      </form>
      <ErrorNote message={action.error} testId="doc-search-error" />
      <div aria-live="polite">
        {result && result.hits.length === 0 && (
          <p class="muted search-empty" data-testid="search-empty">
            Nothing in the documents matches “{result.q}”. Documents still being read are not searched yet.
          </p>
        )}
        {result && result.hits.length > 0 && (
          <>
            <p class="sr-only">
              {result.hits.length} {result.hits.length === 1 ? 'passage' : 'passages'} found.
            </p>
            <ol class="search-results" aria-label={`Best passages for “${result.q}”`} data-testid="search-results">
              {result.hits.map((h, i) => (
                <li key={`${h.documentId}-${i}`} class="search-hit" data-testid="search-hit" data-document-id={h.documentId}>
                  <p class="search-hit-title" data-testid="search-hit-title">
                    {h.title}
                  </p>
                  <p class="search-hit-snippet" data-testid="search-hit-snippet">
                    {h.snippet}
                  </p>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
  );
}
