import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, type WorkspaceDocument } from '../../api';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { ApiError, errorMessage, isAbortError } from '../../lib/errors';
import { formatBytes } from '../../lib/format';
import { useResource } from '../../lib/useResource';
import { ACCEPT, FILES_MAX, filesWord } from './labels';
import { useFlash } from '../../lib/useFlash';

const MB = 1 << 20;

const CUT_OFF =
  'The upload was cut off before Hearth answered, so nothing was uploaded. Check that Hearth is still running and try again; a file larger than this Hearth takes can also end an upload this way.';

/** Why an upload was refused, in words (the engine's own for its refusals: too large with the
 * cap, too many files, a type it does not read). */
function uploadProblem(err: unknown): string {
  if (err instanceof ApiError && err.code === 'network_error') return CUT_OFF;
  return errorMessage(err);
}

interface Sending {
  count: number;
  sent: number;
  total: number;
}

/**
 * "Add documents" (admins, managers): files chosen or dropped here are uploaded at once, all in
 * one request (all or nothing), with a progress bar of the bytes sent; the answer's documents
 * join the list, queued for reading.
 */
export function UploadDocuments({
  slug,
  admin,
  onUploaded,
}: {
  slug: string;
  /** Admins may read the size cap (system settings): it is then checked before sending. */
  admin: boolean;
  onUploaded: (docs: WorkspaceDocument[]) => void;
}) {
  const settings = useResource((signal) => (admin ? api.settings.get({ signal }) : Promise.resolve(null)), [admin]);
  const capMb = settings.data?.uploadMaxMb ?? null;
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useFlash<string>(12_000);
  const [dragging, setDragging] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const cancelled = useRef(false);
  const id = useId();

  // Leaving the page ends the upload (the engine keeps nothing of a body cut off).
  useEffect(
    () => () => {
      controller.current?.abort();
    },
    [],
  );

  const send = async (files: File[]) => {
    if (controller.current || files.length === 0) return;
    setError(null);
    setDone(null);
    if (files.length > FILES_MAX) {
      return setError(`Upload at most ${FILES_MAX} files at once (you chose ${files.length}). Nothing was uploaded.`);
    }
    const big = capMb !== null ? files.find((f) => f.size > capMb * MB) : undefined;
    if (big && capMb !== null) {
      return setError(
        `“${big.name}” is ${formatBytes(big.size)}: larger than ${capMb} MB, the most one may upload here. Nothing was uploaded.`,
      );
    }
    const ctl = new AbortController();
    controller.current = ctl;
    cancelled.current = false;
    const total = files.reduce((n, f) => n + f.size, 0);
    setSending({ count: files.length, sent: 0, total });
    try {
      const r = await api.documents.upload(slug, files, {
        signal: ctl.signal,
        onProgress: (sent, all) => setSending({ count: files.length, sent, total: all }),
      });
      onUploaded(r.items);
      setDone(
        `Uploaded ${filesWord(r.items.length)}. Hearth reads ${r.items.length === 1 ? 'it' : 'them'} now: ${r.items.length === 1 ? 'it is' : 'they are'} ready to search once marked Ready.`,
      );
    } catch (err) {
      if (isAbortError(err)) {
        // Leaving the page says nothing; Cancel says what happened.
        if (cancelled.current) setError('Upload cancelled. Nothing was uploaded.');
      } else {
        setError(uploadProblem(err));
      }
    } finally {
      if (controller.current === ctl) controller.current = null;
      setSending(null);
    }
  };

  const cancel = () => {
    cancelled.current = true;
    controller.current?.abort();
  };

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = sending ? 'none' : 'copy';
    setDragging(true);
  };
  const onDragLeave = (e: DragEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to && (e.currentTarget as HTMLElement).contains(to)) return;
    setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDragging(false);
    void send(Array.from(e.dataTransfer?.files ?? []));
  };

  const pct = sending && sending.total > 0 ? Math.min(100, Math.round((sending.sent / sending.total) * 100)) : 0;
  const sentAll = sending !== null && sending.total > 0 && sending.sent >= sending.total;
  return (
    <section
      class={`card upload-card${dragging ? ' dragging' : ''}`}
      aria-labelledby={`${id}-title`}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-testid="doc-upload"
    >
      <h3 id={`${id}-title`}>Add documents</h3>
      <p class="hint upload-hint" id={`${id}-hint`}>
        Text, Markdown, HTML, PDF or Word (DOCX) files: up to {FILES_MAX} at once
        {capMb !== null ? `, ${capMb} MB each` : ''}. Choose them, or drop them here. Everyone in this workspace can then
        search them, and replies here use them.
      </p>
      <div class="actions">
        <input
          id={`${id}-input`}
          class="sr-only file-input"
          type="file"
          multiple
          accept={ACCEPT}
          disabled={sending !== null}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const el = e.currentTarget as HTMLInputElement;
            const files = Array.from(el.files ?? []);
            // Emptied at once, so that choosing the same file again (after a refusal) is a change.
            el.value = '';
            void send(files);
          }}
          data-testid="doc-upload-input"
        />
        <label for={`${id}-input`} class={`btn primary file-pick${sending ? ' disabled' : ''}`} data-testid="doc-upload-choose">
          Choose files…
        </label>
      </div>

      {sending && (
        <div class="upload-progress" data-testid="doc-upload-progress-box">
          <p class="upload-progress-text" role="status">
            {sentAll
              ? `Sent. Hearth is checking the ${filesWord(sending.count)}…`
              : `Uploading ${filesWord(sending.count)} (${formatBytes(sending.total)})…`}{' '}
            <span aria-hidden="true">{pct}%</span>
          </p>
          <div class="upload-progress-bar">
            <progress value={pct} max={100} aria-label="Upload progress" aria-valuetext={`${pct}%`} data-testid="doc-upload-progress" />
            <button type="button" class="btn small" onClick={cancel} disabled={sentAll} data-testid="doc-upload-cancel">
              Cancel
            </button>
          </div>
        </div>
      )}
      <ErrorNote message={error} testId="doc-upload-error" />
      {done && !error && <SuccessNote testId="doc-upload-success">{done}</SuccessNote>}
    </section>
  );
}
