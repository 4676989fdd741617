import type { Source } from '../../api';

interface SourceDocument {
  documentId: string;
  title: string;
  snippets: string[];
}

/** The sources grouped by document, in the order the reply was given them. */
function byDocument(items: Source[]): SourceDocument[] {
  const out: SourceDocument[] = [];
  for (const s of items) {
    const doc = out.find((d) => d.documentId === s.documentId);
    if (doc) doc.snippets.push(s.snippet);
    else out.push({ documentId: s.documentId, title: s.title, snippets: [s.snippet] });
  }
  return out;
}

/**
 * "Sources" under a reply: the documents whose passages the reply was given, each opening (a
 * native <details>) to show the passages. Document text is untrusted: titles and passages are
 * put in the page as text only, never as HTML or Markdown.
 */
export function Sources({ items }: { items: Source[] }) {
  if (items.length === 0) return null;
  const docs = byDocument(items);
  return (
    <div class="msg-sources" data-testid="message-sources">
      <p class="msg-sources-title">Sources</p>
      <ul class="msg-source-list">
        {docs.map((d) => (
          <li key={d.documentId} class="msg-source" data-testid="source-item" data-document-id={d.documentId}>
            <details>
              <summary>
                <span class="msg-source-name" data-testid="source-title">
                  {d.title}
                </span>
                {d.snippets.length > 1 && <span class="msg-source-count"> · {d.snippets.length} passages</span>}
              </summary>
              {d.snippets.map((s, i) => (
                <p key={i} class="msg-source-snippet" data-testid="source-snippet">
                  {s}
                </p>
              ))}
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
