// Assistant replies are untrusted text (SECURITY.md "The AI workspace"). They are rendered
// as Markdown by `marked` with raw HTML off (any HTML in a reply is shown as text), links kept
// only when they are http(s) or mailto, images never loaded (shown as links), and the result
// is sanitized by DOMPurify with a short list of tags and attributes before it reaches the
// page. The strict CSP is the second fence, not the first.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const SAFE_URL = /^(?:https?:|mailto:)/i;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The href when it is one a reply may link to, else null. */
function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  return SAFE_URL.test(h) ? h : null;
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML, block or inline: shown as the text it is.
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }) {
      const inner = this.parser.parseInline(tokens);
      const url = safeHref(href);
      if (!url) return inner;
      const t = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(url)}"${t}>${inner}</a>`;
    },
    // No remote loads from a reply: an image becomes a link to it (or its words).
    image({ href, text }) {
      const label = escapeHtml(text || 'image');
      const url = safeHref(href);
      return url ? `<a href="${escapeHtml(url)}">${label}</a>` : label;
    },
    checkbox({ checked }) {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

const ALLOWED_TAGS = [
  'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li',
  'ol', 'p', 'pre', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
const ALLOWED_ATTR = ['href', 'title', 'class', 'start', 'align'];

let hooked = false;
function addHooks() {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof HTMLAnchorElement) {
      if (!safeHref(node.getAttribute('href'))) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    // Only marked's `language-…` class on code, nothing a reply could use to look like the UI.
    if (node instanceof Element && node.hasAttribute('class')) {
      const keep = (node.getAttribute('class') ?? '').split(/\s+/).filter((c) => /^language-[\w+#.-]{1,40}$/.test(c));
      if (node.tagName === 'CODE' && keep.length) node.setAttribute('class', keep.join(' '));
      else node.removeAttribute('class');
    }
  });
}

/** The reply's Markdown as sanitized HTML, ready to insert. */
export function renderMarkdown(text: string): DocumentFragment {
  addHooks();
  const html = marked.parse(text) as string;
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_URL,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}
