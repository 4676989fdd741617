// How a document and where its reading stands are named on screen.
import type { DocumentKind, DocumentStatus, WorkspaceDocument } from '../../api';

/** Files one upload may carry (the engine's FILES_MAX). */
export const FILES_MAX = 20;
/** The longest search the engine takes. */
export const SEARCH_MAX = 500;

/** What the file picker offers (any text: the engine reads plain text whatever its name); the
 * engine judges each file by its content anyway. */
export const ACCEPT = [
  'text/*',
  '.txt',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.pdf',
  '.docx',
  'text/plain',
  'text/markdown',
  'text/html',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
].join(',');

const KINDS: Record<DocumentKind, string> = { text: 'Text', html: 'HTML', pdf: 'PDF', docx: 'Word (DOCX)' };

/** The document's type in words. Text and Markdown are one kind to the engine; the file
 * name (only ever shown) tells them apart here. */
export function kindLabel(doc: WorkspaceDocument): string {
  if (doc.kind === 'text' && /\.(md|markdown)$/i.test(doc.fileName)) return 'Markdown';
  return KINDS[doc.kind] ?? doc.kind;
}

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  queued: 'Waiting to be read',
  reading: 'Reading',
  indexed: 'Ready',
  failed: 'Could not be read',
};

/** Queued or being read: the list refreshes itself until none is. */
export const isUnsettled = (doc: WorkspaceDocument) => doc.status === 'queued' || doc.status === 'reading';

/** Read, in a workspace searched by meaning (`embedder` set), but its passages' vectors are
 * still being made: the list refreshes itself until none is. */
export const vectorsPending = (doc: WorkspaceDocument, embedder: string | null) =>
  !!embedder && doc.status === 'indexed' && doc.embeddedWith == null;

/** Its passages can be found by meaning (their vectors are made). */
export const vectorsReady = (doc: WorkspaceDocument) => doc.status === 'indexed' && doc.embeddedWith != null;

/** What the vectors' state is called on screen. */
export const VECTORS_PENDING = 'Finding meaning…';
export const VECTORS_READY = 'Searchable by meaning';

/** "1 passage", "12 passages". */
export const passages = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'passage' : 'passages'}`;

/** "2 files" */
export const filesWord = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
