import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type WorkspaceDocument } from '../../api';
import { ErrorNote } from '../../components/Notice';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { kindLabel, passages, STATUS_LABELS, VECTORS_PENDING, VECTORS_READY, vectorsPending, vectorsReady } from './labels';

/** One document: its file, who added it, where its reading stands; for admins and managers,
 * Retry (when it failed) and Remove (after a confirmation). */
export function DocumentRow({
  slug,
  doc,
  embedder,
  manage,
  onChanged,
  onRemoved,
}: {
  slug: string;
  doc: WorkspaceDocument;
  /** The workspace's search embedder (null: keywords only). */
  embedder: string | null;
  /** May retry and remove (admins, managers). */
  manage: boolean;
  onChanged: (d: WorkspaceDocument) => void;
  onRemoved: (id: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const rowRef = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (confirming) rowRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [confirming]);

  const close = () => {
    setConfirming(false);
    window.setTimeout(() => rowRef.current?.querySelector<HTMLElement>('[data-testid="document-remove"]')?.focus(), 0);
  };
  const retry = async () => {
    const r = await action.run(() => api.documents.retry(slug, doc.id));
    if (r.ok) onChanged(r.result);
  };
  const remove = async () => {
    const r = await action.run(() => api.documents.remove(slug, doc.id));
    if (r.ok) onRemoved(doc.id);
  };

  return (
    <li
      ref={rowRef}
      class={`ws-item doc-item${confirming ? ' danger-zone' : ''}`}
      data-testid="document-item"
      data-id={doc.id}
      data-status={doc.status}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && confirming) {
          e.preventDefault();
          close();
        }
      }}
    >
      <div class="ws-main">
        <h3 class="ws-name" data-testid="document-title">
          {doc.title}
        </h3>
        <p class="ws-meta doc-meta">
          <span class="mono break" data-testid="document-file">
            {doc.fileName}
          </span>
          {' · '}
          <span data-testid="document-kind">{kindLabel(doc)}</span>
          {' · '}
          <span data-testid="document-size">{formatBytes(doc.size)}</span>
        </p>
        <p class="ws-meta" data-testid="document-added">
          Added {formatDateTime(doc.createdAt)}
          {doc.uploadedBy ? ` by ${doc.uploadedBy}` : ''}
        </p>
        <DocumentStatusLine doc={doc} embedder={embedder} />
      </div>

      {manage && !confirming && (
        <div class="ws-actions">
          {doc.status === 'failed' && (
            <button
              type="button"
              class="btn small"
              onClick={() => void retry()}
              disabled={action.busy}
              aria-label={`Retry ${doc.title}: read it again`}
              data-testid="document-retry"
            >
              Retry
            </button>
          )}
          <button
            type="button"
            class="btn small danger-outline"
            onClick={() => {
              action.setError(null);
              setConfirming(true);
            }}
            aria-label={`Remove ${doc.title}`}
            data-testid="document-remove"
          >
            Remove
          </button>
        </div>
      )}
      {!confirming && action.error && (
        <div class="ws-form">
          <ErrorNote message={action.error} testId="document-action-error" />
        </div>
      )}
      {confirming && (
        <div class="ws-form" role="group" aria-label={`Confirm removing ${doc.title}`} data-testid="document-remove-confirm">
          <p class="confirm-text">
            Remove “{doc.title}”? Hearth stops using it in search and in replies at once, and deletes the file. This cannot be undone.
          </p>
          <ErrorNote message={action.error} testId="document-remove-error" />
          <div class="actions">
            <button type="button" class="btn danger small" onClick={() => void remove()} disabled={action.busy} data-testid="document-remove-confirm-button">
              Remove
            </button>
            <button type="button" class="btn small" onClick={close} data-autofocus data-testid="document-remove-cancel">
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/** Where the reading stands: waiting, reading (a progress bar), ready (its passages, and in a
 * workspace searched by meaning whether their vectors are made yet), or failed (why, in words). */
function DocumentStatusLine({ doc, embedder }: { doc: WorkspaceDocument; embedder: string | null }) {
  const pct = Math.round(Math.min(1, Math.max(0, doc.progress)) * 100);
  return (
    <div class={`doc-status doc-status-${doc.status}`} data-testid="document-status">
      <span
        class={`pill${doc.status === 'indexed' ? ' pill-on' : doc.status === 'failed' ? ' pill-danger' : doc.status === 'reading' ? ' pill-reading' : ''}`}
        data-testid="document-status-label"
      >
        {STATUS_LABELS[doc.status]}
      </span>
      {doc.status === 'queued' && <span class="hint">Hearth reads it in a moment.</span>}
      {doc.status === 'reading' && (
        <>
          <progress
            class="doc-progress"
            value={pct}
            max={100}
            aria-label={`Reading ${doc.title}`}
            aria-valuetext={`${pct}%`}
            data-testid="document-progress"
          />
          <span class="hint">{pct}%</span>
        </>
      )}
      {doc.status === 'indexed' && (
        <span class="hint" data-testid="document-chunks">
          {passages(doc.chunks)}
        </span>
      )}
      {vectorsPending(doc, embedder) && (
        <span class="hint doc-vectors-pending" data-testid="document-vectors-pending">
          {VECTORS_PENDING}
        </span>
      )}
      {vectorsReady(doc) && (
        <span
          class="pill doc-vectors-ready"
          title="Its passages are found by what they mean as well as by their words."
          data-testid="document-vectors-ready"
        >
          {VECTORS_READY}
        </span>
      )}
      {doc.status === 'failed' && (
        <p class="doc-error" data-testid="document-error">
          {doc.error ? `Hearth could not read it: ${doc.error.trim().replace(/\.$/, '')}.` : 'Hearth could not read it.'}
        </p>
      )}
    </div>
  );
}
