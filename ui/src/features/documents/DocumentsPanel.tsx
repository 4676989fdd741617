import { api, type WorkspaceDocument } from '../../api';
import { Loading } from '../../components/Loading';
import { ErrorNote } from '../../components/Notice';
import { usePolling } from '../../lib/usePolling';
import { useResource } from '../../lib/useResource';
import { DocumentRow } from './DocumentRow';
import { DocumentSearch } from './DocumentSearch';
import { isUnsettled, vectorsPending } from './labels';
import { UploadDocuments } from './UploadDocuments';
import './documents.css';

/** How often the list is read again while a document is queued, being read, or having its
 * passages' vectors made. */
const POLL_MS = 2_000;

/**
 * A workspace's Documents tab: everyone in it sees the documents and searches them; admins and
 * managers add (upload), retry and remove them. While any is queued or being read, or (in a
 * workspace searched by meaning) still has its vectors made, the list reads itself again every
 * 2 s (not while the page is hidden, and never once all have settled).
 */
export function DocumentsPanel({
  slug,
  manage,
  admin,
  embedder,
}: {
  slug: string;
  manage: boolean;
  admin: boolean;
  /** The workspace's search embedder (null: keywords only). */
  embedder: string | null;
}) {
  const docs = useResource(async (signal) => (await api.documents.list(slug, { signal })).items, [slug]);
  const items = docs.data;
  const unsettled = (items ?? []).some((d) => isUnsettled(d) || vectorsPending(d, embedder));
  usePolling(docs.reload, POLL_MS, unsettled);

  // A change made here shows at once; the list is then read again, which also drops an
  // answer to a refresh that was already on its way (it could predate the change).
  const update = (fn: (prev: WorkspaceDocument[]) => WorkspaceDocument[]) => {
    docs.setData((prev) => fn(prev ?? []));
    docs.reload();
  };
  const added = (news: WorkspaceDocument[]) =>
    update((prev) => [...news, ...prev.filter((d) => !news.some((n) => n.id === d.id))]);

  return (
    <div class="stack-lg" data-testid="documents-panel">
      <p class="muted documents-intro">
        Hearth reads the documents of this workspace and gives the model their passages that best match each message
        sent here; a reply lists them under <strong>Sources</strong>.
      </p>

      {manage && <UploadDocuments slug={slug} admin={admin} onUploaded={added} />}
      <DocumentSearch slug={slug} />

      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading" class="list-heading">
          Documents {items && items.length > 0 && <span class="count">{items.length}</span>}
        </h2>
        {docs.error && (
          <div class="stack">
            <ErrorNote message={docs.error.message} testId="documents-error" />
            {!items && (
              <button type="button" class="btn" onClick={docs.reload}>
                Try again
              </button>
            )}
          </div>
        )}
        {!docs.error && items === null && <Loading>Loading documents…</Loading>}
        {items && items.length === 0 && (
          <div class="empty" data-testid="documents-empty">
            <p class="empty-title">No documents yet</p>
            <p class="muted">
              {manage ? 'Add some above: Hearth reads them, then uses them in replies.' : 'An admin or a manager adds them.'}
            </p>
          </div>
        )}
        {items && items.length > 0 && (
          <ul class="ws-list" aria-labelledby="documents-heading" data-testid="document-list">
            {items.map((d) => (
              <DocumentRow
                key={d.id}
                slug={slug}
                doc={d}
                embedder={embedder}
                manage={manage}
                onChanged={(n) => update((prev) => prev.map((x) => (x.id === n.id ? n : x)))}
                onRemoved={(id) => update((prev) => prev.filter((x) => x.id !== id))}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
